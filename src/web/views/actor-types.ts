/** Types shared by the Actors view and its partner-network drawing: organisations, match suggestions. */
import type { MessageKey } from '../i18n/en.js';
import { t } from '../i18n/translate.js';

/** Organisation types of the registry: the core's list, one spelling everywhere. */
import { ORGANISATION_TYPES } from '../../core/network/organisation-type.js';

export { ORGANISATION_TYPES };

/** An organisation of the registry. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly country: string | null;
  readonly region: string | null;
  readonly sme?: boolean | null;
  readonly employees?: number | null;
  readonly keywords?: readonly string[];
  readonly industryCodes?: readonly string[];
  readonly source?: string;
}

/** One suggestion of GET /api/v1/match. */
export interface Suggestion {
  readonly rank: number;
  readonly score: number;
  readonly organisation: { readonly id: string; readonly name: string; readonly type: string; readonly country: string | null; readonly region: string | null };
  readonly proximities: {
    readonly cognitive?: { readonly score: number; readonly sharedKeywords?: readonly string[]; readonly sharedIndustries?: readonly string[]; readonly known?: boolean };
    readonly geographical?: { readonly score: number; readonly sameRegion?: boolean; readonly sameCountry?: boolean; readonly distanceKm?: number | null; readonly known?: boolean };
    readonly organisational?: { readonly score: number; readonly sharedGroups?: readonly string[]; readonly known?: boolean };
    readonly institutional?: { readonly score: number; readonly sameCountry?: boolean; readonly sameSphere?: boolean; readonly partnerType?: string };
    readonly social?: { readonly score: number; readonly commonPartners?: number; readonly pastCollaboration?: boolean; readonly commonPartnerIds?: readonly string[] };
  };
  readonly complementarity?: { readonly score: number; readonly offers?: readonly string[]; readonly coversNeeds?: readonly string[] };
  readonly structuralHole?: { readonly bridges: boolean; readonly otherCommunity?: boolean };
}

/** The organisation type in the current language. */
export function typeName(type: string): string {
  return (ORGANISATION_TYPES as readonly string[]).includes(type) ? t(`actors.type.${type}` as MessageKey) : type;
}
