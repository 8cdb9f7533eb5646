/**
 * Server errors in the caller's language. Messages are written in Chinese where they are thrown; the error
 * middleware and the socket acks translate them at the boundary through the catalogue in ./messages/en.ts
 * (Chinese text → English, with `{name}` patterns for composed messages). Codes and field paths never change.
 * A message without an English entry stays Chinese: translation never fails a request and logs nothing.
 */
import { en } from './messages/en.js';

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

const CJK = /[\u3400-\u9fff]/;

interface Pattern {
  re: RegExp;
  /** Per captured value: kept as is (`{@name}`: what users typed) rather than translated. */
  raw: boolean[];
  /** The English text, `{0}`, `{1}`… standing for the captured values in order. */
  english: string;
  /** Characters outside placeholders: the more, the more specific, the earlier tried. */
  weight: number;
}

const PLACEHOLDER = /\{(@?\w+)\}/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exact entries and compiled patterns of a catalogue (keys with `{name}` placeholders are patterns). */
export function compileCatalogue(catalogue: Readonly<Record<string, string>>) {
  const exact = new Map<string, string>();
  const patterns: Pattern[] = [];
  for (const [zh, english] of Object.entries(catalogue)) {
    if (!/\{@?\w+\}/.test(zh)) {
      exact.set(zh, english);
      continue;
    }
    const names: string[] = [];
    let source = '^';
    let last = 0;
    for (const m of zh.matchAll(PLACEHOLDER)) {
      source += escapeRe(zh.slice(last, m.index)) + '(.+?)';
      names.push(m[1]!);
      last = m.index + m[0].length;
    }
    source += escapeRe(zh.slice(last)) + '$';
    const indexed = english.replace(PLACEHOLDER, (whole, name: string) => (names.includes(name) ? `{${names.indexOf(name)}}` : whole));
    patterns.push({ re: new RegExp(source, 's'), raw: names.map((n) => n.startsWith('@')), english: indexed, weight: zh.replace(PLACEHOLDER, '').length });
  }
  patterns.sort((a, b) => b.weight - a.weight);
  return { exact, patterns };
}

export type Catalogue = ReturnType<typeof compileCatalogue>;
const EN = compileCatalogue(en);

/**
 * The English of a Chinese text, or null when the catalogue lacks it. A pattern applies only when every captured
 * value is itself translated (nouns go through the same catalogue) or holds no Chinese (numbers, codes, field names):
 * never half a translation.
 */
export function toEnglish(text: string, catalogue: Catalogue = EN, depth = 0): string | null {
  const hit = catalogue.exact.get(text);
  if (hit !== undefined) return hit;
  if (depth > 3 || !CJK.test(text)) return null;
  for (const p of catalogue.patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const values = m.slice(1).map((v, i) => (p.raw[i] || !CJK.test(v) ? v : toEnglish(v, catalogue, depth + 1)));
    if (values.some((v) => v === null)) continue;
    return p.english.replace(/\{(\d+)\}/g, (_, i: string) => values[Number(i)]!);
  }
  return null;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A message for the caller: as written for Chinese, else its English (sentence case), else as written. */
export function translateMessage(message: string, lang: Language): string {
  if (lang !== 'en' || !CJK.test(message)) return message;
  const english = toEnglish(message);
  return english === null ? message : capitalize(english);
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
