/**
 * pino's JSON lines as short human-readable ones for a terminal:
 *   08:14:03 INFO  桂技通 is running at http://localhost:3000
 *   08:14:09 INFO  GET /api/portal 200 12 ms
 *   08:14:10 WARN  request to a stopped service failed during shutdown: connect ECONNREFUSED
 * A request is one line; an error's stack is printed only at level error and above (a warning
 * about an expected failure, e.g. during an orderly shutdown, shows its message only).
 */
import type { Writable } from 'node:stream';

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '90' },
  30: { name: 'INFO ', color: '32' },
  40: { name: 'WARN ', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '41;97' },
};
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'err', 'responseTime', 'reqId']);

interface ErrLike {
  type?: string;
  message?: string;
  stack?: string;
  cause?: ErrLike;
}

/**
 * An error's reason in one line: for a failed query its cause when the serializer kept it, else
 * "database query failed" (the SQL text of a whole select says little), else the message's first line.
 */
function reason(err: ErrLike): string {
  const message = err.message ?? '';
  if (message.startsWith('Failed query')) return err.cause?.message ? reason(err.cause) : 'database query failed';
  return message.split('\n')[0]!;
}
interface Line {
  level: number;
  time: number;
  msg?: string;
  err?: ErrLike;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};
const value = (v: unknown) => (typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

/** One pino JSON line as text (no trailing newline). */
export function formatLine(raw: string, color = false): string {
  let o: Line;
  try {
    o = JSON.parse(raw) as Line;
  } catch {
    return raw.trimEnd();
  }
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const level = LEVELS[o.level] ?? { name: String(o.level).padEnd(5), color: '0' };
  let text: string;
  if (o.req && o.res) {
    const status = o.res.statusCode ?? 0;
    const statusText = paint(status >= 500 ? '31' : status >= 400 ? '33' : '32', String(status));
    text = `${o.req.method ?? ''} ${o.req.url ?? ''} ${statusText} ${Math.round(o.responseTime ?? 0)} ms`;
  } else {
    text = o.msg ?? '';
  }
  const why = o.err ? reason(o.err) : '';
  if (why && !text.includes(why)) text += `: ${why}`;
  const extra = Object.entries(o)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ');
  let out = `${paint('90', clock(o.time))} ${paint(level.color, level.name)} ${text}${extra ? ` ${paint('90', extra)}` : ''}`;
  if (o.level >= 50 && o.err?.stack) out += `\n${paint('90', o.err.stack.split('\n').slice(1).join('\n'))}`;
  return out;
}

/** A destination for pino that writes formatted lines to `out`. */
export function prettyStream(out: Writable, options: { color: boolean }) {
  return {
    write(chunk: string) {
      for (const raw of chunk.split('\n')) if (raw.trim()) out.write(`${formatLine(raw, options.color)}\n`);
    },
  };
}
