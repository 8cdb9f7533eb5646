/** Stable error codes of API.md with their HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  /** The account was disabled by a platform admin: login refused, sessions and tokens ended. */
  account_disabled: 403,
  not_found: 404,
  conflict: 409,
  /** A likely duplicate contract: resend with the confirmation flag to submit anyway. */
  duplicate_suspected: 409,
  payload_too_large: 413,
  unsupported_file_type: 415,
  rate_limited: 429,
  internal: 500,
  search_unavailable: 503,
  dependency_unavailable: 503,
  db_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type use cases throw; the error middleware turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  static validation(fields: FieldError[], message = '提交的数据有误，请检查标出的字段'): AppError {
    return new AppError('validation_failed', message, { fields });
  }
  static notFound(what = '对象'): AppError {
    return new AppError('not_found', `${what}不存在或无权查看`);
  }
  static forbidden(message = '没有执行此操作的权限'): AppError {
    return new AppError('forbidden', message);
  }
  static unauthenticated(): AppError {
    return new AppError('unauthenticated', '请先登录');
  }
  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('conflict', message, details);
  }
}
