import { randomUUID } from 'node:crypto';
import { recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import { RegistryError } from '../registry/sql-client.js';
import type { SqlClient, SqlRow, SqlValue } from '../registry/sql-client.js';
import { defaultDirected, isActorType, isLinkageType } from './actor-records.js';
import type { ActorType, Linkage, LinkageInput, LinkagePatch, Organisation, OrganisationInput, OrganisationPatch, Participation, Project } from './actor-records.js';
import { migrateActors } from './migrate-actors.js';
import { organisationFieldsOrThrow } from './organisation-fields.js';
import type { OrganisationFields } from './organisation-fields.js';

/** Filters of an organisation listing; all optional and combined with AND. */
export interface OrganisationQuery {
  type?: ActorType;
  /** Country code; GR/EL and GB/UK are the same country (CORDIS uses the Eurostat codes EL and UK). */
  country?: string;
  /** Region code or its prefix (NUTS: `DE2` matches DE21, DE22 …). */
  region?: string;
  /** Case-insensitive text in the name, id, keywords or industry codes. */
  query?: string;
  initiative?: string;
  source?: string;
  includeDeleted?: boolean;
  /** Page size (default 50, at most 1000) and offset. */
  limit?: number;
  offset?: number;
}

export interface OrganisationPage {
  total: number;
  limit: number;
  offset: number;
  items: Organisation[];
}

/** A participation with its project, for an organisation's page. */
export interface OrganisationProject extends Project {
  role: string;
  organisationContribution: number | null;
}

const ORGANISATION_COLUMNS =
  'id, name, type, employees, sme, sme_rule, industry_codes, keywords, region, country, latitude, longitude, source, version, created_at, updated_at, deleted_at';
const LINKAGE_COLUMNS = 'id, source_id, target_id, type, directed, weight, start_date, end_date, source, project_id, version, created_at, updated_at, deleted_at';

/** Country codes that name the same country in ISO 3166 and in the Eurostat/CORDIS convention. */
const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({ GR: ['GR', 'EL'], EL: ['GR', 'EL'], GB: ['GB', 'UK'], UK: ['GB', 'UK'] });

/** The codes a country filter matches. */
export function countryCodes(country: string): readonly string[] {
  const c = country.trim().toUpperCase();
  return COUNTRY_ALIASES[c] ?? [c];
}

/**
 * The actors registry (component "actors"): organisations, linkages, projects, participations and initiative
 * memberships on a registry SqlClient (DuckDB or PostgreSQL, ADR 0003). Every create, update and delete runs
 * in one transaction with its audit entry (recordAudit); deletes are soft (`deleted_at`); updates name the
 * version they read and fail with RegistryError CONFLICT when the row changed since (no lost update).
 * Invalid input is RegistryError INVALID with `details.problems`; unknown ids are NOT_FOUND.
 */
export class ActorRegistry {
  readonly client: SqlClient;

  private constructor(client: SqlClient) {
    this.client = client;
  }

  /** Runs the actors (and audit) migrations and returns the registry. */
  static async open(client: SqlClient): Promise<ActorRegistry> {
    await migrateActors(client);
    return new ActorRegistry(client);
  }

  // ---------------------------------------------------------------- organisations

  async listOrganisations(query: OrganisationQuery = {}): Promise<OrganisationPage> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (!query.includeDeleted) where.push('o.deleted_at is null');
    if (query.type !== undefined) where.push(`o.type = $${params.push(query.type)}`);
    if (query.country !== undefined) {
      const codes = countryCodes(query.country);
      where.push(`o.country in (${codes.map((c) => `$${params.push(c)}`).join(', ')})`);
    }
    if (query.region !== undefined) where.push(`o.region like $${params.push(escapeLike(query.region.trim().toUpperCase()) + '%')} escape '\\'`);
    if (query.source !== undefined) where.push(`o.source = $${params.push(query.source)}`);
    if (query.query !== undefined && query.query.trim() !== '') {
      const p = `$${params.push('%' + escapeLike(query.query.trim().toLowerCase()) + '%')}`;
      where.push(`(lower(o.name) like ${p} escape '\\' or lower(o.id) like ${p} escape '\\' or lower(o.keywords) like ${p} escape '\\' or lower(o.industry_codes) like ${p} escape '\\')`);
    }
    if (query.initiative !== undefined) {
      where.push(`exists (select 1 from organisation_initiatives m where m.organisation_id = o.id and m.deleted_at is null and m.initiative_id = $${params.push(query.initiative)})`);
    }
    const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 1000);
    const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
    const [{ n }] = (await this.client.all<{ n: number }>(`select count(*) as n from organisations o ${clause}`, params)) as [{ n: number }];
    const rows = await this.client.all(`select ${prefixed(ORGANISATION_COLUMNS, 'o')} from organisations o ${clause} order by o.name, o.id limit ${limit} offset ${offset}`, params);
    const initiatives = await this.initiativesOf(this.client, rows.map((r) => String(r.id)));
    return { total: n, limit, offset, items: rows.map((r) => organisationFromRow(r, initiatives.get(String(r.id)) ?? [])) };
  }

  /** One organisation (null when unknown; a soft-deleted one only with includeDeleted). */
  async getOrganisation(id: string, options: { includeDeleted?: boolean } = {}): Promise<Organisation | null> {
    return this.readOrganisation(this.client, id, options.includeDeleted ?? false);
  }

  async createOrganisation(input: OrganisationInput, actor: AuditActor): Promise<Organisation> {
    const fields = organisationFieldsOrThrow(input, 'api');
    const id = input.id?.trim() || `org-${randomUUID()}`;
    checkId(id, 'id');
    return this.client.transaction(async (tx) => {
      const existing = await tx.all('select id from organisations where id = $1', [id]);
      if (existing.length > 0) throw new RegistryError('CONFLICT', `organisation ${id} already exists`, { details: { id } });
      const now = new Date().toISOString();
      await tx.run(`insert into organisations (${ORGANISATION_COLUMNS}) values (${placeholders(17)})`, organisationParams(id, fields, 1, now, now, null));
      await this.writeInitiatives(tx, id, fields.initiatives, fields.source, now);
      const created = (await this.readOrganisation(tx, id, false))!;
      await recordAudit(tx, { actor, action: 'create', entity: 'organisation', entityId: id, after: created, at: now });
      return created;
    });
  }

  /**
   * Applies a partial change to the version the caller read. CONFLICT (details.currentVersion) when the row has
   * moved on; NOT_FOUND when it does not exist or is deleted.
   */
  async updateOrganisation(id: string, expectedVersion: number, patch: OrganisationPatch, actor: AuditActor): Promise<Organisation> {
    return this.client.transaction(async (tx) => {
      const before = await this.readOrganisation(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no organisation ${id}`, { details: { id } });
      if (before.version !== expectedVersion) {
        throw new RegistryError('CONFLICT', `organisation ${id} was changed since version ${expectedVersion} (now version ${before.version}): reload and retry`, {
          details: { id, expectedVersion, currentVersion: before.version },
        });
      }
      const sizeChanged = patch.employees !== undefined || patch.country !== undefined || patch.industryCodes !== undefined;
      const firm = before.type === 'sme' || before.type === 'large-firm' || before.type === 'firm';
      const merged: OrganisationInput = {
        name: patch.name ?? before.name,
        type: patch.type ?? (firm && sizeChanged && before.smeRule !== 'declared' ? 'firm' : before.type),
        employees: patch.employees !== undefined ? patch.employees : before.employees,
        sme: patch.sme !== undefined ? patch.sme : before.smeRule === 'declared' && patch.type === undefined ? before.sme : null,
        industryCodes: patch.industryCodes ?? before.industryCodes,
        keywords: patch.keywords ?? before.keywords,
        region: patch.region !== undefined ? patch.region : before.region,
        country: patch.country !== undefined ? patch.country : before.country,
        latitude: patch.latitude !== undefined ? patch.latitude : before.latitude,
        longitude: patch.longitude !== undefined ? patch.longitude : before.longitude,
        source: patch.source ?? before.source,
        initiatives: patch.initiatives ?? before.initiatives,
      };
      const fields = organisationFieldsOrThrow(merged, before.source);
      const now = new Date().toISOString();
      const params = organisationParams(id, fields, expectedVersion + 1, before.createdAt, now, null);
      const changed = await tx.run(
        `update organisations set name = $2, type = $3, employees = $4, sme = $5, sme_rule = $6, industry_codes = $7, keywords = $8, region = $9, country = $10,
           latitude = $11, longitude = $12, source = $13, version = $14, updated_at = $15 where id = $1 and version = $16 and deleted_at is null`,
        [...params.slice(0, 14), now, expectedVersion],
      );
      if (changed !== 1) throw new RegistryError('CONFLICT', `organisation ${id} was changed concurrently: reload and retry`, { details: { id, expectedVersion } });
      if (patch.initiatives !== undefined) await this.writeInitiatives(tx, id, fields.initiatives, fields.source, now);
      const after = (await this.readOrganisation(tx, id, false))!;
      await recordAudit(tx, { actor, action: 'update', entity: 'organisation', entityId: id, before, after, at: now });
      return after;
    });
  }

  /** Soft-deletes an organisation (checked against `expectedVersion` when given); its linkages stay but leave every network. */
  async deleteOrganisation(id: string, expectedVersion: number | undefined, actor: AuditActor): Promise<Organisation> {
    return this.client.transaction(async (tx) => {
      const before = await this.readOrganisation(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no organisation ${id}`, { details: { id } });
      if (expectedVersion !== undefined && before.version !== expectedVersion) {
        throw new RegistryError('CONFLICT', `organisation ${id} was changed since version ${expectedVersion} (now version ${before.version})`, {
          details: { id, expectedVersion, currentVersion: before.version },
        });
      }
      const now = new Date().toISOString();
      const changed = await tx.run('update organisations set deleted_at = $1, updated_at = $1, version = version + 1 where id = $2 and version = $3 and deleted_at is null', [
        now,
        id,
        before.version,
      ]);
      if (changed !== 1) throw new RegistryError('CONFLICT', `organisation ${id} was changed concurrently`, { details: { id } });
      const after = (await this.readOrganisation(tx, id, true))!;
      await recordAudit(tx, { actor, action: 'delete', entity: 'organisation', entityId: id, before, at: now });
      return after;
    });
  }

  /** The projects an organisation took part in (newest first). */
  async projectsOf(organisationId: string, limit = 200): Promise<OrganisationProject[]> {
    const rows = await this.client.all(
      `select p.id, p.acronym, p.title, p.programme, p.start_date, p.end_date, p.total_cost, p.eu_contribution, p.source, pa.role, pa.eu_contribution as organisation_contribution
         from participations pa join projects p on p.id = pa.project_id
        where pa.organisation_id = $1 and p.deleted_at is null order by p.start_date desc nulls last, p.id limit ${Math.min(Math.max(Math.trunc(limit), 1), 5000)}`,
      [organisationId],
    );
    return rows.map((r) => ({ ...projectFromRow(r), role: String(r.role), organisationContribution: numberOrNull(r.organisation_contribution) }));
  }

  async countProjectsOf(organisationId: string): Promise<number> {
    const [row] = await this.client.all<{ n: number }>('select count(*) as n from participations pa join projects p on p.id = pa.project_id where pa.organisation_id = $1 and p.deleted_at is null', [organisationId]);
    return row?.n ?? 0;
  }

  async getProject(id: string): Promise<{ project: Project; participants: Participation[] } | null> {
    const rows = await this.client.all('select id, acronym, title, programme, start_date, end_date, total_cost, eu_contribution, source from projects where id = $1 and deleted_at is null', [id]);
    if (rows.length === 0) return null;
    const participants = await this.client.all('select project_id, organisation_id, role, eu_contribution from participations where project_id = $1 order by organisation_id', [id]);
    return {
      project: projectFromRow(rows[0]!),
      participants: participants.map((r) => ({ projectId: String(r.project_id), organisationId: String(r.organisation_id), role: String(r.role), euContribution: numberOrNull(r.eu_contribution) })),
    };
  }

  // ---------------------------------------------------------------- linkages

  /** Linkages of an organisation (either end) or all, without deleted ones unless asked. */
  async listLinkages(query: { organisationId?: string; type?: string; includeDeleted?: boolean; limit?: number; offset?: number } = {}): Promise<{ total: number; items: Linkage[] }> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (!query.includeDeleted) where.push('deleted_at is null');
    if (query.organisationId !== undefined) {
      const p = `$${params.push(query.organisationId)}`;
      where.push(`(source_id = ${p} or target_id = ${p})`);
    }
    if (query.type !== undefined) where.push(`type = $${params.push(query.type)}`);
    const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 200), 1), 5000);
    const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
    const [{ n }] = (await this.client.all<{ n: number }>(`select count(*) as n from linkages ${clause}`, params)) as [{ n: number }];
    const rows = await this.client.all(`select ${LINKAGE_COLUMNS} from linkages ${clause} order by id limit ${limit} offset ${offset}`, params);
    return { total: n, items: rows.map(linkageFromRow) };
  }

  async getLinkage(id: string, options: { includeDeleted?: boolean } = {}): Promise<Linkage | null> {
    return this.readLinkage(this.client, id, options.includeDeleted ?? false);
  }

  async createLinkage(input: LinkageInput, actor: AuditActor): Promise<Linkage> {
    const id = input.id?.trim() || `lnk-${randomUUID()}`;
    checkId(id, 'id');
    return this.client.transaction(async (tx) => {
      const fields = await this.linkageFields(tx, input, 'api');
      const existing = await tx.all('select id from linkages where id = $1', [id]);
      if (existing.length > 0) throw new RegistryError('CONFLICT', `linkage ${id} already exists`, { details: { id } });
      const now = new Date().toISOString();
      await tx.run(`insert into linkages (${LINKAGE_COLUMNS}) values (${placeholders(14)})`, [
        id, fields.sourceId, fields.targetId, fields.type, fields.directed, fields.weight, fields.startDate, fields.endDate, fields.source, fields.projectId, 1, now, now, null,
      ]);
      const created = (await this.readLinkage(tx, id, false))!;
      await recordAudit(tx, { actor, action: 'create', entity: 'linkage', entityId: id, after: created, at: now });
      return created;
    });
  }

  async updateLinkage(id: string, expectedVersion: number, patch: LinkagePatch, actor: AuditActor): Promise<Linkage> {
    return this.client.transaction(async (tx) => {
      const before = await this.readLinkage(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no linkage ${id}`, { details: { id } });
      if (before.version !== expectedVersion) {
        throw new RegistryError('CONFLICT', `linkage ${id} was changed since version ${expectedVersion} (now version ${before.version}): reload and retry`, {
          details: { id, expectedVersion, currentVersion: before.version },
        });
      }
      const type = patch.type ?? before.type;
      const fields = await this.linkageFields(
        tx,
        {
          sourceId: patch.sourceId ?? before.sourceId,
          targetId: patch.targetId ?? before.targetId,
          type,
          directed: patch.directed ?? (patch.type !== undefined ? undefined : before.directed),
          weight: patch.weight ?? before.weight,
          startDate: patch.startDate !== undefined ? patch.startDate : before.startDate,
          endDate: patch.endDate !== undefined ? patch.endDate : before.endDate,
          source: patch.source ?? before.source,
          projectId: patch.projectId !== undefined ? patch.projectId : before.projectId,
        },
        before.source,
      );
      const now = new Date().toISOString();
      const changed = await tx.run(
        `update linkages set source_id = $1, target_id = $2, type = $3, directed = $4, weight = $5, start_date = $6, end_date = $7, source = $8, project_id = $9,
           version = version + 1, updated_at = $10 where id = $11 and version = $12 and deleted_at is null`,
        [fields.sourceId, fields.targetId, fields.type, fields.directed, fields.weight, fields.startDate, fields.endDate, fields.source, fields.projectId, now, id, expectedVersion],
      );
      if (changed !== 1) throw new RegistryError('CONFLICT', `linkage ${id} was changed concurrently: reload and retry`, { details: { id, expectedVersion } });
      const after = (await this.readLinkage(tx, id, false))!;
      await recordAudit(tx, { actor, action: 'update', entity: 'linkage', entityId: id, before, after, at: now });
      return after;
    });
  }

  async deleteLinkage(id: string, expectedVersion: number | undefined, actor: AuditActor): Promise<Linkage> {
    return this.client.transaction(async (tx) => {
      const before = await this.readLinkage(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no linkage ${id}`, { details: { id } });
      if (expectedVersion !== undefined && before.version !== expectedVersion) {
        throw new RegistryError('CONFLICT', `linkage ${id} was changed since version ${expectedVersion} (now version ${before.version})`, {
          details: { id, expectedVersion, currentVersion: before.version },
        });
      }
      const now = new Date().toISOString();
      const changed = await tx.run('update linkages set deleted_at = $1, updated_at = $1, version = version + 1 where id = $2 and version = $3 and deleted_at is null', [now, id, before.version]);
      if (changed !== 1) throw new RegistryError('CONFLICT', `linkage ${id} was changed concurrently`, { details: { id } });
      const after = (await this.readLinkage(tx, id, true))!;
      await recordAudit(tx, { actor, action: 'delete', entity: 'linkage', entityId: id, before, at: now });
      return after;
    });
  }

  // ---------------------------------------------------------------- meta and change token

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.client.all<{ value: string }>('select value from actors_meta where key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(tx: SqlClient, key: string, value: string): Promise<void> {
    await tx.run('delete from actors_meta where key = $1', [key]);
    await tx.run('insert into actors_meta (key, value) values ($1, $2)', [key, value]);
  }

  /**
   * A token that changes whenever the registry changes: the newest audit entry id (every write records one,
   * imports included). Shared by every server on one PostgreSQL, so cached networks go stale everywhere.
   */
  async changeToken(): Promise<number> {
    const [row] = await this.client.all<{ id: number | null }>('select max(id) as id from audit_log');
    return row?.id ?? 0;
  }

  // ---------------------------------------------------------------- internals

  private async readOrganisation(client: SqlClient, id: string, includeDeleted: boolean): Promise<Organisation | null> {
    const rows = await client.all(`select ${ORGANISATION_COLUMNS} from organisations where id = $1 ${includeDeleted ? '' : 'and deleted_at is null'}`, [id]);
    if (rows.length === 0) return null;
    const initiatives = await this.initiativesOf(client, [id]);
    return organisationFromRow(rows[0]!, initiatives.get(id) ?? []);
  }

  private async readLinkage(client: SqlClient, id: string, includeDeleted: boolean): Promise<Linkage | null> {
    const rows = await client.all(`select ${LINKAGE_COLUMNS} from linkages where id = $1 ${includeDeleted ? '' : 'and deleted_at is null'}`, [id]);
    return rows.length === 0 ? null : linkageFromRow(rows[0]!);
  }

  private async initiativesOf(client: SqlClient, ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await client.all<{ organisation_id: string; initiative_id: string }>(
      `select organisation_id, initiative_id from organisation_initiatives where deleted_at is null and organisation_id in (${ids.map((_, k) => `$${k + 1}`).join(', ')}) order by initiative_id`,
      ids as string[],
    );
    for (const r of rows) {
      const list = out.get(r.organisation_id) ?? [];
      list.push(r.initiative_id);
      out.set(r.organisation_id, list);
    }
    return out;
  }

  /** Makes the organisation's memberships exactly `initiatives` (soft-deleting the ones dropped, reviving the ones re-added). */
  private async writeInitiatives(tx: SqlClient, id: string, initiatives: readonly string[], source: string, now: string): Promise<void> {
    const rows = await tx.all<{ initiative_id: string; deleted_at: string | null }>('select initiative_id, deleted_at from organisation_initiatives where organisation_id = $1', [id]);
    const existing = new Map(rows.map((r) => [r.initiative_id, r.deleted_at]));
    for (const [initiative, deletedAt] of existing) {
      if (!initiatives.includes(initiative) && deletedAt === null) {
        await tx.run('update organisation_initiatives set deleted_at = $1 where organisation_id = $2 and initiative_id = $3', [now, id, initiative]);
      }
    }
    for (const initiative of initiatives) {
      if (!existing.has(initiative)) {
        await tx.run('insert into organisation_initiatives (organisation_id, initiative_id, source, created_at, deleted_at) values ($1, $2, $3, $4, null)', [id, initiative, source, now]);
      } else if (existing.get(initiative) !== null) {
        await tx.run('update organisation_initiatives set deleted_at = null where organisation_id = $1 and initiative_id = $2', [id, initiative]);
      }
    }
  }

  private async linkageFields(
    tx: SqlClient,
    input: LinkageInput,
    defaultSource: string,
  ): Promise<Required<Omit<LinkageInput, 'id'>> & { directed: boolean }> {
    const problems: { field: string; message: string }[] = [];
    if (!isLinkageType(input.type)) problems.push({ field: 'type', message: `type must be one of supplier, customer, joint-rnd, licence, spin-out, membership, funding, joint-project; got "${String(input.type)}"` });
    const weight = input.weight ?? 1;
    if (!(Number.isFinite(weight) && weight > 0)) problems.push({ field: 'weight', message: `weight must be a positive number, got ${weight}` });
    for (const field of ['startDate', 'endDate'] as const) {
      const v = input[field];
      if (v !== undefined && v !== null && !isIsoDate(v)) problems.push({ field, message: `${field} must be a date YYYY-MM-DD, got "${v}"` });
    }
    if (input.startDate && input.endDate && input.endDate < input.startDate) problems.push({ field: 'endDate', message: 'endDate is before startDate' });
    if (input.sourceId === input.targetId) problems.push({ field: 'targetId', message: 'a linkage joins two different organisations' });
    for (const field of ['sourceId', 'targetId'] as const) {
      const id = input[field];
      if (typeof id !== 'string' || id === '') problems.push({ field, message: `${field} is required` });
      else if ((await tx.all('select id from organisations where id = $1 and deleted_at is null', [id])).length === 0) problems.push({ field, message: `no organisation ${id}` });
    }
    if (problems.length > 0) throw new RegistryError('INVALID', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { details: { problems } });
    return {
      sourceId: input.sourceId,
      targetId: input.targetId,
      type: input.type,
      directed: input.directed ?? defaultDirected(input.type),
      weight,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      source: input.source?.trim() || defaultSource,
      projectId: input.projectId ?? null,
    };
  }
}

/** The 17 parameters of an organisations row in ORGANISATION_COLUMNS order. */
export function organisationParams(id: string, f: OrganisationFields, version: number, createdAt: string, updatedAt: string, deletedAt: string | null): SqlValue[] {
  return [
    id, f.name, f.type, f.employees, f.sme, f.smeRule, JSON.stringify(f.industryCodes), JSON.stringify(f.keywords), f.region, f.country,
    f.latitude, f.longitude, f.source, version, createdAt, updatedAt, deletedAt,
  ];
}

export function organisationFromRow(r: SqlRow, initiatives: string[]): Organisation {
  const type = String(r.type);
  return {
    id: String(r.id),
    name: String(r.name),
    type: isActorType(type) ? type : 'other',
    employees: numberOrNull(r.employees),
    sme: r.sme === null || r.sme === undefined ? null : Boolean(r.sme),
    smeRule: r.sme_rule === null || r.sme_rule === undefined ? null : String(r.sme_rule),
    industryCodes: parseList(r.industry_codes),
    keywords: parseList(r.keywords),
    region: stringOrNull(r.region),
    country: stringOrNull(r.country),
    latitude: numberOrNull(r.latitude),
    longitude: numberOrNull(r.longitude),
    source: String(r.source),
    initiatives,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    deletedAt: stringOrNull(r.deleted_at),
  };
}

function linkageFromRow(r: SqlRow): Linkage {
  return {
    id: String(r.id),
    sourceId: String(r.source_id),
    targetId: String(r.target_id),
    type: String(r.type) as Linkage['type'],
    directed: Boolean(r.directed),
    weight: Number(r.weight),
    startDate: stringOrNull(r.start_date),
    endDate: stringOrNull(r.end_date),
    source: String(r.source),
    projectId: stringOrNull(r.project_id),
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    deletedAt: stringOrNull(r.deleted_at),
  };
}

function projectFromRow(r: SqlRow): Project {
  return {
    id: String(r.id),
    acronym: stringOrNull(r.acronym),
    title: stringOrNull(r.title),
    programmes: r.programme === null || r.programme === undefined || r.programme === '' ? [] : String(r.programme).split(';'),
    startDate: stringOrNull(r.start_date),
    endDate: stringOrNull(r.end_date),
    totalCost: numberOrNull(r.total_cost),
    euContribution: numberOrNull(r.eu_contribution),
    source: String(r.source),
  };
}

function parseList(value: SqlValue | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function numberOrNull(value: SqlValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function stringOrNull(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function placeholders(n: number): string {
  return Array.from({ length: n }, (_, k) => `$${k + 1}`).join(', ');
}

function prefixed(columns: string, alias: string): string {
  return columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function checkId(id: string, field: string): void {
  if (id.length > 200 || /[\s/?#]/.test(id)) {
    throw new RegistryError('INVALID', `${field} "${id}" must be at most 200 characters without spaces, '/', '?' or '#'`, { details: { problems: [{ field, message: 'bad id' }] } });
  }
}
