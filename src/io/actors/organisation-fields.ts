import { RegistryError } from '../registry/sql-client.js';
import { isActorType } from './actor-records.js';
import type { ActorType, Organisation, OrganisationInput } from './actor-records.js';
import { smeStatus } from './sme-status.js';

/** An organisation's stored fields after validation and SME derivation (no id, version or timestamps). */
export type OrganisationFields = Omit<Organisation, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

const FIRM_TYPES: ReadonlySet<ActorType> = new Set(['sme', 'large-firm', 'firm']);

/** One field problem; the importers prefix file and line, the API returns them as INVALID details. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Validates an organisation and derives its SME flag (docs/methods/sme-definition.md):
 * - employees known → the country's headcount rule decides (smeStatus); a declared `sme` or type (`sme`,
 *   `large-firm`) that contradicts it is an error;
 * - employees unknown → a declared `sme` flag, else the type (`sme` → true, `large-firm` → false), else null;
 * - a firm (`sme`, `large-firm`, `firm`) whose SME status is known gets the type `sme` or `large-firm`; other
 *   types (universities, agencies …) have no SME flag (the definitions are for enterprises).
 * Returns the fields or the list of problems.
 */
export function organisationFields(input: OrganisationInput, defaultSource: string): { fields: OrganisationFields } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') problems.push({ field: 'name', message: 'name is required' });
  if (!isActorType(input.type)) problems.push({ field: 'type', message: `type must be one of sme, large-firm, firm, university, research-institute, public-agency, cluster-organisation, financier, other; got "${String(input.type)}"` });
  const employees = input.employees ?? null;
  if (employees !== null && (!Number.isInteger(employees) || employees < 0)) problems.push({ field: 'employees', message: `employees must be a whole number ≥ 0, got ${employees}` });
  const latitude = input.latitude ?? null;
  const longitude = input.longitude ?? null;
  if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) problems.push({ field: 'latitude', message: `latitude must be in [-90, 90], got ${latitude}` });
  if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) problems.push({ field: 'longitude', message: `longitude must be in [-180, 180], got ${longitude}` });
  if ((latitude === null) !== (longitude === null)) problems.push({ field: latitude === null ? 'latitude' : 'longitude', message: 'latitude and longitude go together' });
  const industryCodes = cleanList(input.industryCodes);
  const keywords = cleanList(input.keywords);
  const initiatives = cleanList(input.initiatives);
  const country = cleanCode(input.country);
  const region = cleanCode(input.region);
  if (country !== null && !/^[A-Z]{2,3}$/.test(country)) problems.push({ field: 'country', message: `country must be a two- or three-letter code, got "${country}"` });
  if (problems.length > 0) return { problems };
  let type = input.type;
  let sme: boolean | null = null;
  let smeRule: string | null = null;
  if (FIRM_TYPES.has(type)) {
    const status = smeStatus(employees, country, industryCodes);
    const declared = input.sme ?? (type === 'sme' ? true : type === 'large-firm' ? false : null);
    if (status.sme !== null) {
      if (declared !== null && declared !== status.sme) {
        problems.push({
          field: input.sme !== undefined && input.sme !== null ? 'sme' : 'type',
          message: `${employees} employees in ${country ?? 'an unknown country'} make it ${status.sme ? 'an SME' : 'not an SME'} (${status.rule}), which contradicts the declared ${input.sme !== undefined && input.sme !== null ? `sme=${String(input.sme)}` : `type ${type}`}`,
        });
        return { problems };
      }
      sme = status.sme;
      smeRule = status.rule;
    } else if (declared !== null) {
      sme = declared;
      smeRule = 'declared';
    }
    if (sme !== null) type = sme ? 'sme' : 'large-firm';
  } else if (input.sme !== undefined && input.sme !== null) {
    problems.push({ field: 'sme', message: `an SME flag applies to firms (sme, large-firm, firm), not to type ${type}` });
    return { problems };
  }
  return {
    fields: {
      name,
      type,
      employees,
      sme,
      smeRule,
      industryCodes,
      keywords,
      region,
      country,
      latitude,
      longitude,
      source: input.source?.trim() || defaultSource,
      initiatives,
    },
  };
}

/** Throws RegistryError INVALID with the problems in details (for API and service callers). */
export function organisationFieldsOrThrow(input: OrganisationInput, defaultSource: string): OrganisationFields {
  const result = organisationFields(input, defaultSource);
  if ('problems' in result) {
    throw new RegistryError('INVALID', result.problems.map((p) => `${p.field}: ${p.message}`).join('; '), { details: { problems: result.problems } });
  }
  return result.fields;
}

function cleanList(values: readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  const out: string[] = [];
  for (const v of values) {
    const t = String(v).trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function cleanCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim().toUpperCase();
  return t === '' ? null : t;
}
