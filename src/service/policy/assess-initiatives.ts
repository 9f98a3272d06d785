import { assessClusterPolicy } from '../../core/index.js';
import type { ClusterPolicyAssessment, PolicyThresholds } from '../../core/index.js';
import { PolicyDataError, readInitiatives } from '../../io/policy/read-initiatives.js';
import type { PolicyInitiative, PolicyInitiativeFile } from '../../io/policy/read-initiatives.js';
import type { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';
import { initiativeEvidence } from './initiative-evidence.js';
import type { NetworkEvidence, RegionEvidence } from './initiative-evidence.js';

export interface InitiativeAssessment {
  initiative: PolicyInitiative;
  region: RegionEvidence;
  assessment: ClusterPolicyAssessment;
}

export interface InitiativesAssessment {
  file: string;
  demonstration: boolean;
  notice: string;
  source: PolicyInitiativeFile['source'];
  assessments: InitiativeAssessment[];
}

export interface AssessInitiativesOptions {
  /** Initiatives file; default the shipped demonstration data. */
  file?: string;
  /** Only this initiative. */
  initiative?: string;
  /** Year of the cluster data (default: the latest). */
  year?: number;
  /** Network evidence per initiative id, from the actor registry. */
  network?: Readonly<Record<string, NetworkEvidence>>;
  thresholds?: Partial<PolicyThresholds>;
}

/**
 * Runs the cluster-policy assessment (docs/methods/cluster-policy-assessment.md) for the initiatives of a file
 * (default: the demonstration data), end to end: evidence from the file's cited facts, the region's cluster data
 * and the actor network when given; every evidence item carries its source and method.
 */
export async function assessInitiatives(service: ClusterService, options: AssessInitiativesOptions = {}): Promise<InitiativesAssessment> {
  let file: PolicyInitiativeFile;
  try {
    file = readInitiatives(options.file);
  } catch (error) {
    if (error instanceof PolicyDataError) throw new ServiceError('INVALID_ARGUMENT', error.message, { file: error.file, line: error.line, field: error.field });
    throw error;
  }
  let list = file.initiatives;
  if (options.initiative !== undefined) {
    list = list.filter((i) => i.id === options.initiative);
    if (list.length === 0) throw new ServiceError('NOT_FOUND', `unknown initiative "${options.initiative}"; known: ${file.initiatives.map((i) => i.id).join(', ')}`, { initiative: options.initiative });
  }
  const assessments: InitiativeAssessment[] = [];
  for (const initiative of list) {
    const { evidence, region } = await initiativeEvidence(service, file, initiative, { year: options.year, network: options.network?.[initiative.id] });
    assessments.push({ initiative, region, assessment: assessClusterPolicy(evidence, { thresholds: options.thresholds }) });
  }
  return { file: file.file, demonstration: file.demonstration, notice: file.notice, source: file.source, assessments };
}
