/**
 * English for the Chinese messages of errors, shared by the server (the error middleware and socket acks,
 * server/lib/i18n.ts) and the web client (the shared schemas' messages in the English UI): the catalogue in
 * ./messages/en.ts, exact texts and `{name}` patterns whose parts go through the same catalogue.
 */
import { en } from './messages/en.js';

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

/** The English of a whole message (sentence case), or the message as written when the catalogue lacks it. */
export function englishMessage(message: string): string {
  if (!CJK.test(message)) return message;
  const english = toEnglish(message);
  return english === null ? message : capitalize(english);
}
