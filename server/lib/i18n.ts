/**
 * Server errors in the caller's language. Messages are written in Chinese where they are thrown; the error
 * middleware and the socket acks translate them at the boundary through the catalogue in common/messages/en.ts
 * (Chinese text → English, with `{name}` patterns for composed messages; common/i18n.ts applies it, and the web
 * client uses the same for the shared schemas' messages). Codes and field paths never change. A message without
 * an English entry stays Chinese: translation never fails a request and logs nothing.
 */
import { englishMessage } from '../../common/i18n.js';

export { compileCatalogue, englishMessage, toEnglish } from '../../common/i18n.js';

export type Language = 'zh-CN' | 'en';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * The language of `Accept-Language` (RFC 9110: comma-separated tags with optional `;q=` weights): the supported one
 * with the highest weight, the earlier on a tie; `en`, `en-US`… are English, `zh`, `zh-CN`, `zh-Hans`… Chinese.
 * Anything else, a missing or malformed header, or `*` gives the default, Chinese.
 */
export function parseAcceptLanguage(header: string | string[] | undefined | null): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  let best: { lang: Language; q: number } | null = null;
  for (const part of value.slice(0, 1000).split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const lang: Language | null = primary === 'en' ? 'en' : primary === 'zh' ? 'zh-CN' : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANGUAGE;
}

/** A language named by a client itself (the socket handshake's `auth.lang`), else null. */
export function languageTag(value: unknown): Language | null {
  return typeof value === 'string' && value.length <= 35 && /^[a-z]{2,3}(-|$)/i.test(value) ? parseAcceptLanguage(value) : null;
}

/** A message for the caller: as written for Chinese, else its English (sentence case), else as written. */
export function translateMessage(message: string, lang: Language): string {
  return lang === 'en' ? englishMessage(message) : message;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The error body in `lang`: its message and each `details.fields[].message`; code, paths and other details untouched. */
export function localizeError<E extends ErrorBody>(error: E, lang: Language): E {
  if (lang !== 'en') return error;
  const out = { ...error, message: translateMessage(error.message, lang) };
  const fields = error.details?.fields;
  if (Array.isArray(fields)) {
    out.details = {
      ...error.details,
      fields: fields.map((f: unknown) =>
        f && typeof f === 'object' && typeof (f as { message?: unknown }).message === 'string' ? { ...f, message: translateMessage((f as { message: string }).message, lang) } : f,
      ),
    };
  }
  return out;
}
