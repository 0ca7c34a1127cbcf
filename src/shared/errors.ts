/**
 * One error type for the whole product. Each code has one HTTP status and a title; the
 * `detail` is the human sentence, `errors` the per-field problems of a validation failure.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  IMPORT_INVALID: { status: 422, title: 'The file has problems; nothing was imported' },
  IMPORT_NEEDS_CONFIRMATION: { status: 409, title: 'The import changes too much to apply unconfirmed' },
  BACKUP_INVALID: { status: 422, title: 'The backup file cannot be restored; nothing was changed' },
  RESTORE_REFUSED: { status: 409, title: 'The database cannot take this backup; nothing was changed' },
  PASSWORD_REJECTED: { status: 422, title: 'The password does not meet the password policy' },
  SIGN_IN_FAILED: { status: 401, title: 'Sign-in failed' },
  SIGN_IN_THROTTLED: { status: 429, title: 'Too many sign-in attempts' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  REAUTHENTICATION_REQUIRED: { status: 401, title: 'Confirm your password to continue' },
  CSRF_REJECTED: { status: 403, title: 'Cross-site request refused' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  VERSION_CONFLICT: { status: 409, title: 'Someone else saved this in the meantime' },
  PHASE_CLOSED: { status: 409, title: 'This is not open in the current phase' },
  ALREADY_SUBMITTED: { status: 409, title: 'Already submitted' },
  FEEDBACK_RULE_VIOLATED: { status: 422, title: 'The feedback breaks a rule of this cycle' },
  CALIBRATION_RULE_VIOLATED: { status: 422, title: 'This breaks a rating or calibration rule of the policy' },
  GROWTH_RULE_VIOLATED: { status: 422, title: 'This breaks a rule of goals, check-ins, plans or team health' },
  ANALYSIS_REFUSED: { status: 422, title: 'The analysis cannot be run as asked; nothing was computed' },
  PIPELINE_STEP_REFUSED: { status: 409, title: 'The process does not allow this step at the case’s current stage' },
  PIPELINE_RULE_VIOLATED: { status: 422, title: 'This breaks a rule of the pipeline policy' },
  TRANSFER_BLOCKED: { status: 409, title: 'Internal transfer requests are not open for this person now' },
  PROMOTION_RULE_VIOLATED: { status: 422, title: 'This breaks a promotion rule of the policy' },
  COMPENSATION_RULE_VIOLATED: { status: 422, title: 'This breaks a compensation rule of the policy' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  DATA_DIR_LOCKED: { status: 503, title: 'The data folder is in use by another process' },
  CONFIG_INVALID: { status: 500, title: 'The configuration is not valid' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** Where: a JSON path (`body.email`) or a file position (`people.csv:12: column email`). */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldProblem[]; extra?: Record<string, unknown> } = {},
  ) {
    const { status, title } = ERROR_CODES[code];
    super(options.detail ?? title);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = options.detail ?? title;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

/** The RFC 9457 problem document sent on the wire. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldProblem[];
  requestId?: string;
  [key: string]: unknown;
}

export function toProblem(error: AppError, requestId?: string): Problem {
  return {
    type: `https://highbar.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.extra ?? {}),
    ...(requestId ? { requestId } : {}),
  };
}
