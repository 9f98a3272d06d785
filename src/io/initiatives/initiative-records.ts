/** What an initiative's KPI observation measures (docs/data/initiatives.md). */
export const KPI_KINDS = Object.freeze(['smes-involved', 'jobs', 'spin-outs', 'licences', 'new-products', 'sales', 'custom'] as const);
export type KpiKind = (typeof KPI_KINDS)[number];

export const SPONSOR_LEVELS = Object.freeze(['national', 'regional', 'local'] as const);
export type SponsorLevel = (typeof SPONSOR_LEVELS)[number];

/** published = stated as fact by the source; expected = a target or expectation; estimated = someone's estimate. */
export const KPI_STATUSES = Object.freeze(['published', 'expected', 'estimated'] as const);
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** One line of an initiative's budget: an amount in a currency, for a year (null = not stated), from a source. */
export interface BudgetLine {
  amount: number;
  currency: string;
  year: number | null;
  source: string;
  label?: string;
}

/** A member organisation of an initiative (organisation id of the actors registry) and its role. */
export interface InitiativeMember {
  organisationId: string;
  role: string;
}

/** A cluster initiative as stored in the registry (component "initiatives"). */
export interface Initiative {
  id: string;
  name: string;
  /** ClusterLens region id (US-26, UKM3, JP-01 …) or null for a multi-region or national programme. */
  region: string | null;
  /** The region as the source names it. */
  regionName: string | null;
  country: string | null;
  sponsor: string;
  sponsorLevel: SponsorLevel;
  /** Organisation id of the core body in the actors registry, or null. */
  coreBody: string | null;
  /** The core body as the source names it (when it is not, or not yet, in the actors registry). */
  coreBodyName: string | null;
  /** Benchmark cluster codes (US) or industry-family codes (B-E, J …) targeted. */
  targetClusters: string[];
  /** Targets as the source names them (free text). */
  targets: string[];
  budget: BudgetLine[];
  periodStart: number | null;
  periodEnd: number | null;
  /** True for the shipped demonstration initiatives (only published figures; not an evaluation). */
  demonstration: boolean;
  /** Where the record comes from: citation or file. */
  source: string;
  members: InitiativeMember[];
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Fields of a new initiative; `id` optional (a lower-case slug is derived from the name when absent). */
export interface InitiativeInput {
  id?: string;
  name: string;
  region?: string | null;
  regionName?: string | null;
  country?: string | null;
  sponsor: string;
  sponsorLevel: SponsorLevel;
  coreBody?: string | null;
  coreBodyName?: string | null;
  targetClusters?: string[];
  targets?: string[];
  budget?: BudgetLine[];
  periodStart?: number | null;
  periodEnd?: number | null;
  demonstration?: boolean;
  source?: string;
  members?: InitiativeMember[];
}

/** A change to an initiative: the fields given replace the stored ones (members as a whole list). */
export type InitiativePatch = Partial<Omit<InitiativeInput, 'id'>>;

/** One KPI observation of an initiative. */
export interface KpiObservation {
  id: string;
  initiativeId: string;
  kpi: KpiKind;
  /** What a custom KPI counts ("industrial cluster plans approved"); optional otherwise. */
  label: string | null;
  /** Year the value refers to; null when the source states none. */
  year: number | null;
  value: number;
  unit: string;
  status: KpiStatus;
  source: string;
  version: number;
  createdAt: string;
  deletedAt: string | null;
}

export interface KpiInput {
  kpi: KpiKind;
  label?: string | null;
  year?: number | null;
  value: number;
  unit?: string;
  status: KpiStatus;
  source: string;
}

/** One field problem; importers prefix file and line, the API returns them as INVALID details. */
export interface FieldProblem {
  field: string;
  message: string;
}

export const isKpiKind = (v: unknown): v is KpiKind => (KPI_KINDS as readonly unknown[]).includes(v);
export const isSponsorLevel = (v: unknown): v is SponsorLevel => (SPONSOR_LEVELS as readonly unknown[]).includes(v);
export const isKpiStatus = (v: unknown): v is KpiStatus => (KPI_STATUSES as readonly unknown[]).includes(v);
