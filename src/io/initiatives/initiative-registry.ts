import { randomUUID } from 'node:crypto';
import { recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import { RegistryError } from '../registry/sql-client.js';
import type { SqlClient, SqlRow, SqlValue } from '../registry/sql-client.js';
import { initiativeFieldsOrThrow, isInitiativeId, kpiFieldsOrThrow, slugOf } from './initiative-fields.js';
import type { InitiativeFields } from './initiative-fields.js';
import type { Initiative, InitiativeInput, InitiativePatch, KpiInput, KpiObservation } from './initiative-records.js';
import { migrateInitiatives } from './migrate-initiatives.js';

/** Filters of an initiative listing (AND). */
export interface InitiativeQuery {
  /** Region id, exact. */
  region?: string;
  country?: string;
  demonstration?: boolean;
  includeDeleted?: boolean;
}

const COLUMNS =
  'id, name, region, region_name, country, sponsor, sponsor_level, core_body, core_body_name, target_clusters, targets, budget, period_start, period_end, demonstration, source, version, created_at, updated_at, deleted_at';
const KPI_COLUMNS = 'id, initiative_id, kpi, label, year, value, unit, status, source, version, created_at, updated_at, deleted_at';

/**
 * The initiatives registry (component "initiatives"): cluster initiatives, their member organisations and
 * KPI observations, on a registry SqlClient (DuckDB or PostgreSQL, ADR 0003). Every create, update and delete
 * runs in one transaction with its audit entry (entity `initiative` or `initiative-kpi`); deletes are soft;
 * updates name the version they read and fail with RegistryError CONFLICT when the row changed since.
 * Invalid input is RegistryError INVALID with `details.problems`; unknown ids NOT_FOUND.
 */
export class InitiativeRegistry {
  readonly client: SqlClient;

  private constructor(client: SqlClient) {
    this.client = client;
  }

  /** Runs the initiatives (and audit) migrations and returns the registry. */
  static async open(client: SqlClient): Promise<InitiativeRegistry> {
    await migrateInitiatives(client);
    return new InitiativeRegistry(client);
  }

  async list(query: InitiativeQuery = {}): Promise<Initiative[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (!query.includeDeleted) where.push('deleted_at is null');
    if (query.region !== undefined) where.push(`region = $${params.push(query.region)}`);
    if (query.country !== undefined) where.push(`country = $${params.push(query.country.toUpperCase())}`);
    if (query.demonstration !== undefined) where.push(`demonstration = $${params.push(query.demonstration)}`);
    const rows = await this.client.all(`select ${COLUMNS} from initiatives ${where.length ? `where ${where.join(' and ')}` : ''} order by name, id`, params);
    const members = await this.membersByInitiative(this.client);
    return rows.map((r) => initiativeOf(r, members.get(String(r.id)) ?? []));
  }

  /** One initiative (deleted ones only with includeDeleted); NOT_FOUND when absent. */
  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<Initiative> {
    const found = await this.read(this.client, id, options.includeDeleted ?? false);
    if (found === null) throw new RegistryError('NOT_FOUND', `no initiative ${id}`, { details: { id } });
    return found;
  }

  /** Creates an initiative (id from the input, else a slug of the name made unique); audited. */
  async create(input: InitiativeInput, actor: AuditActor, options: { defaultSource?: string } = {}): Promise<Initiative> {
    return this.client.transaction((tx) => this.createIn(tx, input, actor, options.defaultSource ?? 'entered'));
  }

  /** create() on a transaction client (imports run several in one transaction). */
  async createIn(tx: SqlClient, input: InitiativeInput, actor: AuditActor, defaultSource: string, action: 'create' | 'import' = 'create'): Promise<Initiative> {
    const fields = initiativeFieldsOrThrow(input, defaultSource);
    let id: string;
    if (input.id !== undefined) {
      if (!isInitiativeId(input.id)) throw new RegistryError('INVALID', `invalid initiative id "${String(input.id)}": lower-case letters, digits and hyphens`, { details: { problems: [{ field: 'id', message: 'lower-case letters, digits and hyphens' }] } });
      id = input.id;
      const existing = await tx.all('select id from initiatives where id = $1', [id]);
      if (existing.length > 0) throw new RegistryError('CONFLICT', `initiative ${id} already exists`, { details: { id } });
    } else {
      const base = slugOf(fields.name);
      id = base;
      for (let k = 2; (await tx.all('select id from initiatives where id = $1', [id])).length > 0; k++) id = `${base}-${k}`;
    }
    const now = new Date().toISOString();
    await tx.run(
      `insert into initiatives (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [id, ...fieldParams(fields), 1, now, now, null],
    );
    await writeMembers(tx, id, fields);
    const after = (await this.read(tx, id, false))!;
    await recordAudit(tx, { actor, action, entity: 'initiative', entityId: id, after, at: now });
    return after;
  }

  /** Applies a patch to the version read; CONFLICT when the initiative changed since. */
  async update(id: string, expectedVersion: number, patch: InitiativePatch, actor: AuditActor): Promise<Initiative> {
    return this.client.transaction(async (tx) => {
      const before = await this.read(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no initiative ${id}`, { details: { id } });
      if (before.version !== expectedVersion) throw staleError(id, expectedVersion, before.version);
      const merged: InitiativeInput = { ...before, ...definedOf(patch) };
      const fields = initiativeFieldsOrThrow(merged, before.source);
      const now = new Date().toISOString();
      const changed = await tx.run(
        `update initiatives set name = $2, region = $3, region_name = $4, country = $5, sponsor = $6, sponsor_level = $7, core_body = $8, core_body_name = $9,
           target_clusters = $10, targets = $11, budget = $12, period_start = $13, period_end = $14, demonstration = $15, source = $16,
           version = $17, updated_at = $18 where id = $1 and version = $19 and deleted_at is null`,
        [id, ...fieldParams(fields), expectedVersion + 1, now, expectedVersion],
      );
      if (changed !== 1) throw staleError(id, expectedVersion, null);
      if (patch.members !== undefined) await writeMembers(tx, id, fields);
      const after = (await this.read(tx, id, false))!;
      await recordAudit(tx, { actor, action: 'update', entity: 'initiative', entityId: id, before, after, at: now });
      return after;
    });
  }

  /** Soft-deletes an initiative (checked against `expectedVersion` when given); its KPIs stay, hidden with it. */
  async delete(id: string, expectedVersion: number | undefined, actor: AuditActor): Promise<Initiative> {
    return this.client.transaction(async (tx) => {
      const before = await this.read(tx, id, false);
      if (before === null) throw new RegistryError('NOT_FOUND', `no initiative ${id}`, { details: { id } });
      if (expectedVersion !== undefined && before.version !== expectedVersion) throw staleError(id, expectedVersion, before.version);
      const now = new Date().toISOString();
      const changed = await tx.run('update initiatives set deleted_at = $2, updated_at = $2, version = $3 where id = $1 and version = $4 and deleted_at is null', [
        id, now, before.version + 1, before.version,
      ]);
      if (changed !== 1) throw staleError(id, before.version, null);
      const after = (await this.read(tx, id, true))!;
      await recordAudit(tx, { actor, action: 'delete', entity: 'initiative', entityId: id, before, at: now });
      return after;
    });
  }

  /** KPI observations of an initiative, by KPI, year (unknown last) and creation. */
  async kpis(initiativeId: string, options: { includeDeleted?: boolean } = {}): Promise<KpiObservation[]> {
    const rows = await this.client.all(
      `select ${KPI_COLUMNS} from initiative_kpis where initiative_id = $1 ${options.includeDeleted ? '' : 'and deleted_at is null'} order by kpi, year nulls last, created_at, id`,
      [initiativeId],
    );
    return rows.map(kpiOf);
  }

  /** Adds a KPI observation to a live initiative; audited as entity `initiative-kpi`. */
  async addKpi(initiativeId: string, input: KpiInput, actor: AuditActor): Promise<KpiObservation> {
    return this.client.transaction((tx) => this.addKpiIn(tx, initiativeId, input, actor));
  }

  async addKpiIn(tx: SqlClient, initiativeId: string, input: KpiInput, actor: AuditActor, action: 'create' | 'import' = 'create'): Promise<KpiObservation> {
    const fields = kpiFieldsOrThrow(input);
    const live = await tx.all('select id from initiatives where id = $1 and deleted_at is null', [initiativeId]);
    if (live.length === 0) throw new RegistryError('NOT_FOUND', `no initiative ${initiativeId}`, { details: { id: initiativeId } });
    const id = randomUUID();
    const now = new Date().toISOString();
    await tx.run(`insert into initiative_kpis (${KPI_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
      id, initiativeId, fields.kpi, fields.label, fields.year, fields.value, fields.unit, fields.status, fields.source, 1, now, now, null,
    ]);
    const [row] = await tx.all(`select ${KPI_COLUMNS} from initiative_kpis where id = $1`, [id]);
    const after = kpiOf(row!);
    await recordAudit(tx, { actor, action, entity: 'initiative-kpi', entityId: id, after, at: now });
    return after;
  }

  /** Soft-deletes a KPI observation; audited. */
  async deleteKpi(initiativeId: string, kpiId: string, actor: AuditActor): Promise<KpiObservation> {
    return this.client.transaction(async (tx) => {
      const [row] = await tx.all(`select ${KPI_COLUMNS} from initiative_kpis where id = $1 and initiative_id = $2 and deleted_at is null`, [kpiId, initiativeId]);
      if (row === undefined) throw new RegistryError('NOT_FOUND', `no KPI observation ${kpiId} of initiative ${initiativeId}`, { details: { id: kpiId } });
      const before = kpiOf(row);
      const now = new Date().toISOString();
      await tx.run('update initiative_kpis set deleted_at = $2, updated_at = $2, version = version + 1 where id = $1', [kpiId, now]);
      await recordAudit(tx, { actor, action: 'delete', entity: 'initiative-kpi', entityId: kpiId, before, at: now });
      return { ...before, deletedAt: now, version: before.version + 1 };
    });
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.client.all<{ value: string }>('select value from initiatives_meta where key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(tx: SqlClient, key: string, value: string): Promise<void> {
    await tx.run('delete from initiatives_meta where key = $1', [key]);
    await tx.run('insert into initiatives_meta (key, value) values ($1, $2)', [key, value]);
  }

  private async read(client: SqlClient, id: string, includeDeleted: boolean): Promise<Initiative | null> {
    const rows = await client.all(`select ${COLUMNS} from initiatives where id = $1 ${includeDeleted ? '' : 'and deleted_at is null'}`, [id]);
    if (rows.length === 0) return null;
    const members = await client.all('select organisation_id, role from initiative_members where initiative_id = $1 order by organisation_id', [id]);
    return initiativeOf(rows[0]!, members.map((m) => ({ organisationId: String(m.organisation_id), role: String(m.role) })));
  }

  private async membersByInitiative(client: SqlClient): Promise<Map<string, Initiative['members']>> {
    const rows = await client.all('select initiative_id, organisation_id, role from initiative_members order by initiative_id, organisation_id');
    const out = new Map<string, Initiative['members']>();
    for (const r of rows) {
      const key = String(r.initiative_id);
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push({ organisationId: String(r.organisation_id), role: String(r.role) });
    }
    return out;
  }
}

function staleError(id: string, expectedVersion: number, currentVersion: number | null): RegistryError {
  return new RegistryError(
    'CONFLICT',
    `initiative ${id} was changed since version ${expectedVersion}${currentVersion === null ? '' : ` (now version ${currentVersion})`}: reload and retry`,
    { details: { id, expectedVersion, ...(currentVersion === null ? {} : { currentVersion }) } },
  );
}

function definedOf(patch: InitiativePatch): InitiativePatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as InitiativePatch;
}

async function writeMembers(tx: SqlClient, id: string, fields: InitiativeFields): Promise<void> {
  await tx.run('delete from initiative_members where initiative_id = $1', [id]);
  for (const m of fields.members) await tx.run('insert into initiative_members (initiative_id, organisation_id, role) values ($1, $2, $3)', [id, m.organisationId, m.role]);
}

function fieldParams(f: InitiativeFields): SqlValue[] {
  return [
    f.name, f.region, f.regionName, f.country, f.sponsor, f.sponsorLevel, f.coreBody, f.coreBodyName,
    JSON.stringify(f.targetClusters), JSON.stringify(f.targets), JSON.stringify(f.budget), f.periodStart, f.periodEnd, f.demonstration, f.source,
  ];
}

const str = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: SqlValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));

function initiativeOf(r: SqlRow, members: Initiative['members']): Initiative {
  return {
    id: String(r.id),
    name: String(r.name),
    region: str(r.region),
    regionName: str(r.region_name),
    country: str(r.country),
    sponsor: String(r.sponsor),
    sponsorLevel: String(r.sponsor_level) as Initiative['sponsorLevel'],
    coreBody: str(r.core_body),
    coreBodyName: str(r.core_body_name),
    targetClusters: JSON.parse(String(r.target_clusters)) as string[],
    targets: JSON.parse(String(r.targets)) as string[],
    budget: JSON.parse(String(r.budget)) as Initiative['budget'],
    periodStart: num(r.period_start),
    periodEnd: num(r.period_end),
    demonstration: r.demonstration === true,
    source: String(r.source),
    members,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    deletedAt: str(r.deleted_at),
  };
}

function kpiOf(r: SqlRow): KpiObservation {
  return {
    id: String(r.id),
    initiativeId: String(r.initiative_id),
    kpi: String(r.kpi) as KpiObservation['kpi'],
    label: str(r.label),
    year: num(r.year),
    value: Number(r.value),
    unit: String(r.unit),
    status: String(r.status) as KpiObservation['status'],
    source: String(r.source),
    version: Number(r.version),
    createdAt: String(r.created_at),
    deletedAt: str(r.deleted_at),
  };
}
