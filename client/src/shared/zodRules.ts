import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { FieldError } from './api';

/** Empty inputs count as missing, so a schema's "请输入…" message shows instead of a format error. */
function normalize(value: unknown): unknown {
  if (value === '' || value === null) return undefined;
  return value;
}

/** Wraps a zod schema as an antd Form rule: the schema's first (Chinese) message shows under the field. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(normalize(value));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid');
    },
  };
}

/** A zod error as the same field errors the server sends, so one helper can show both. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
