import { z } from 'zod';
import { AppError, type FieldError } from './errors.js';

/** Turns zod issues into field errors; unknown keys are reported on the offending key itself. */
export function fieldErrors(error: z.ZodError, prefix: string[] = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...base, key].join('.'), message: `不允许的字段：${key}` });
    } else {
      out.push({ path: base.join('.'), message: issue.message });
    }
  }
  return out;
}

// Control characters other than tab, newline and carriage return: PostgreSQL refuses NUL in text, and
// \u0002/\u0003 are Meilisearch's highlight markers.
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Every string (and key) in a request value that holds a control character, as field errors. */
export function controlCharFields(value: unknown, path: string[] = [], out: FieldError[] = [], depth = 0): FieldError[] {
  if (depth > 20 || out.length >= 20) return out;
  if (typeof value === 'string') {
    if (CONTROL_CHARS.test(value)) out.push({ path: path.join('.'), message: '不能包含控制字符（如 \\u0000），请删除后重试' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharFields(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL_CHARS.test(k)) out.push({ path: [...path, k.replace(CONTROL_CHARS, '?')].join('.'), message: '字段名不能包含控制字符' });
      else controlCharFields(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** Parses `value` with `schema` or throws a 400 naming every bad field (control characters are refused for every schema). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = []): z.output<S> {
  const control = controlCharFields(value, prefix);
  if (control.length) throw AppError.validation(control);
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(fieldErrors(result.error, prefix));
  return result.data;
}

export { pagination } from '../../common/schemas/pagination.js';
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
