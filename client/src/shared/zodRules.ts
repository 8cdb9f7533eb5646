import type { FormRule } from 'antd';
import type { z } from 'zod';
import { serverLanguage, type FieldError } from './api';

/**
 * The shared schemas' messages are Chinese (common/schemas); in the English UI they go through the same catalogue
 * as the server's errors (common/messages/en.ts). It is loaded on first use, only by the English UI.
 */
let english: ((message: string) => string) | null = null;
let loading: Promise<(message: string) => string> | null = null;
function loadEnglish(): Promise<(message: string) => string> {
  loading ??= import('@common/i18n.js').then((m) => (english = m.englishMessage));
  return loading;
}
/** A schema message in the UI language (as written when the English catalogue has not loaded yet). */
function localize(message: string): string {
  if (serverLanguage() !== 'en') return message;
  if (!english) void loadEnglish();
  return english ? english(message) : message;
}

/** Empty inputs count as missing, so a schema's "请输入…" message shows instead of a format error. */
function normalize(value: unknown): unknown {
  if (value === '' || value === null) return undefined;
  return value;
}

/** Wraps a zod schema as an antd Form rule: the schema's first message shows under the field, in the UI language. */
export function zodRule(schema: z.ZodType): FormRule {
  if (serverLanguage() === 'en') void loadEnglish();
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(normalize(value));
      if (result.success) return;
      const message = result.error.issues[0]?.message ?? 'invalid';
      throw new Error(serverLanguage() === 'en' ? (await loadEnglish())(message) : message);
    },
  };
}

/** A zod error as the same field errors the server sends (messages in the UI language), so one helper can show both. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: localize(issue.message) }));
}
