import type { FormInstance } from 'antd';
import type { ApiErrorBody } from '@common/schemas/auth.js';
import type { Translate } from './i18n';

export interface FieldError {
  path: string;
  message: string;
}

/** A failed request: HTTP status (0 when the server could not be reached), the server's stable code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown> | undefined;
  /** Seconds from the Retry-After header of a 429 (or 503), when the server sent one. */
  readonly retryAfter: number | undefined;
  /** True when the message came from the server and can be shown to the user as is. */
  readonly fromServer: boolean;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    retryAfter?: number;
    fromServer: boolean;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.details = init.details;
    this.retryAfter = init.retryAfter;
    this.fromServer = init.fromServer;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Skip the global "session ended" handling (used by the auth endpoints themselves). */
  ignoreUnauthenticated?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

/**
 * The language the server should answer errors in: the UI's, which the I18nProvider writes into `<html lang>`
 * (`zh-CN` or `en`). Sent as Accept-Language with every request and as `auth.lang` on every socket, so the English
 * interface gets English validation and error messages whatever the browser's own language.
 */
export function serverLanguage(): 'zh-CN' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when any request answers 401 (the auth context clears the user). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function readFields(details: unknown): FieldError[] {
  if (typeof details !== 'object' || details === null) return [];
  const fields = (details as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldError => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string',
  );
}

/** Calls the platform API: JSON in and out, session cookie, throws ApiError on any failure. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, ignoreUnauthenticated } = options;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': serverLanguage(), ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', message: 'network error', fromServer: false });
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (response.ok) return data as T;

  if (response.status === 401 && !ignoreUnauthenticated) onUnauthenticated?.();

  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (isErrorBody(data)) {
    const { code, message, details } = data.error;
    throw new ApiError({
      status: response.status,
      code,
      message: message || code,
      fields: readFields(details),
      details,
      retryAfter,
      fromServer: Boolean(message),
    });
  }
  throw new ApiError({ status: response.status, code: 'bad_response', message: `HTTP ${response.status}`, retryAfter, fromServer: false });
}

/** A message fit for the user: the server's own message when it sent one, else a translated fallback. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.fromServer) return error.message;
    if (error.status === 0) return t('error.network');
    return t('error.server', { status: error.status });
  }
  return t('error.unknown');
}

/** Turns a dotted API path (`organization.creditCode`, `ipItems.0.type`) into an antd name path. */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').filter(Boolean).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export interface ApplyFieldErrorsOptions {
  /** Dotted paths the form actually renders; errors on other paths are returned instead of set. */
  known?: readonly string[];
  /** Moves an error to another field, e.g. `{ organization: 'organizationId' }`. */
  alias?: Readonly<Record<string, string>>;
}

/**
 * Shows field errors (from the server's `details.fields` or a local zod parse) under the matching
 * antd Form fields. Returns the messages that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, fields: readonly FieldError[], options: ApplyFieldErrorsOptions = {}): string[] {
  const byPath = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const { path, message } of fields) {
    const target = options.alias?.[path] ?? path;
    if (!target || (options.known && !options.known.includes(target))) {
      unmatched.push(message);
      continue;
    }
    const list = byPath.get(target) ?? [];
    if (!list.includes(message)) list.push(message);
    byPath.set(target, list);
  }
  form.setFields([...byPath].map(([path, errors]) => ({ name: toNamePath(path), errors })));
  return unmatched;
}
