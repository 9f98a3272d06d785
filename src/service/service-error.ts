/** Errors of the service layer; the CLI and the server map the code to an exit code or HTTP status. */
export type ServiceErrorCode = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'NO_DATA';

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ServiceErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.details = details;
  }
}
