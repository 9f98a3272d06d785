/**
 * Records of the actors registry (component "actors"): organisations, linkages, projects, participations and
 * memberships in cluster initiatives. One spelling of every code across the database, the CLI, the JSON API
 * and the core's network indicators.
 * @see docs/data/actors-csv.md
 */
import { ORGANISATION_TYPES } from '../../core/index.js';
import type { OrganisationType } from '../../core/index.js';

/**
 * Organisation types: the core's ORGANISATION_TYPES (src/core/network/organisation-type.ts), including `firm`, a
 * private for-profit organisation whose size is unknown (sources without employees or an SME flag, such as the
 * CORDIS H2020 extract): industry in the triple helix, left out of the SME shares (docs/methods/sme-definition.md).
 */
export const ACTOR_TYPES = ORGANISATION_TYPES;
export type ActorType = OrganisationType;

/** Kinds of linkage between two organisations. */
export const LINKAGE_TYPES = Object.freeze(['supplier', 'customer', 'joint-rnd', 'licence', 'spin-out', 'membership', 'funding', 'joint-project'] as const);
export type LinkageType = (typeof LINKAGE_TYPES)[number];

/** Roles of an organisation in a project (CORDIS roles plus generic ones). */
export const PARTICIPATION_ROLES = Object.freeze(['coordinator', 'participant', 'partner', 'third-party', 'associated-partner', 'other'] as const);
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

export function isActorType(value: unknown): value is ActorType {
  return typeof value === 'string' && (ACTOR_TYPES as readonly string[]).includes(value);
}

export function isLinkageType(value: unknown): value is LinkageType {
  return typeof value === 'string' && (LINKAGE_TYPES as readonly string[]).includes(value);
}

/** An organisation as stored (soft-deleted ones carry `deletedAt`). */
export interface Organisation {
  id: string;
  name: string;
  type: ActorType;
  employees: number | null;
  /** SME flag: derived from employees with the country's thresholds, else as given by the source, else null. */
  sme: boolean | null;
  /** Which rule set the SME flag (e.g. `eu-2003-361`, `jp-sme-basic-act:retail`, `source`); null when sme is null. */
  smeRule: string | null;
  /** Industry codes with their scheme: `nace:C25`, `naics:332710`, `jsic:E`. */
  industryCodes: string[];
  /** Capabilities and technologies (free keywords). */
  keywords: string[];
  /** Region code (NUTS, US state/county FIPS, JIS prefecture …); null when unknown. */
  region: string | null;
  /** Country code as the source spells it (CORDIS/Eurostat: EL for Greece, UK for the United Kingdom). */
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Where the record came from (`h2020`, `csv:actors.csv`, `api`, `us-cmp`). */
  source: string;
  /** Cluster initiative ids the organisation is a member of. */
  initiatives: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Fields a caller gives to create an organisation (the rest is derived or defaulted). */
export interface OrganisationInput {
  id?: string;
  name: string;
  type: ActorType;
  employees?: number | null;
  /** Only used when employees are unknown: the SME status as the source states it. */
  sme?: boolean | null;
  industryCodes?: string[];
  keywords?: string[];
  region?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  source?: string;
  initiatives?: string[];
}

/** A partial change; `version` is the version the caller read (optimistic concurrency). */
export type OrganisationPatch = Partial<Omit<OrganisationInput, 'id'>>;

export interface Linkage {
  id: string;
  sourceId: string;
  targetId: string;
  type: LinkageType;
  directed: boolean;
  weight: number;
  startDate: string | null;
  endDate: string | null;
  source: string;
  projectId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface LinkageInput {
  id?: string;
  sourceId: string;
  targetId: string;
  type: LinkageType;
  /** Default: supplier, customer, licence, spin-out, funding and membership are directed; joint-rnd and joint-project are not. */
  directed?: boolean;
  weight?: number;
  startDate?: string | null;
  endDate?: string | null;
  source?: string;
  projectId?: string | null;
}

export type LinkagePatch = Partial<Omit<LinkageInput, 'id'>>;

export interface Project {
  id: string;
  acronym: string | null;
  title: string | null;
  /** Programme parts (H2020: ERC, MSCA, LEIT, SC1 … SC7 …). */
  programmes: string[];
  startDate: string | null;
  endDate: string | null;
  totalCost: number | null;
  euContribution: number | null;
  source: string;
}

export interface Participation {
  projectId: string;
  organisationId: string;
  role: string;
  euContribution: number | null;
}

/** Linkage types that point from source to target by default. */
export function defaultDirected(type: LinkageType): boolean {
  return type !== 'joint-rnd' && type !== 'joint-project';
}
