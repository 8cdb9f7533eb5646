import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { expect } from 'chai';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { formatLine, prettyStream } from '../../server/lib/logPretty.js';

/** A pino logger writing formatted lines into an array (as it would to a terminal). */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, prettyStream(sink, { color: false })) };
}

describe('terminal logs', () => {
  it('prints one short line per request: method, path, status and time', async () => {
    const { lines, log } = capture();
    const app = express();
    app.use(pinoHttp({ logger: log }));
    app.get('/api/portal', (_req, res) => res.json({ ok: true }));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const logged = new Promise<void>((resolve) => server.on('request', (_req, res) => res.on('finish', () => setImmediate(resolve))));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal?q=1`);
    await res.json();
    await logged;
    await new Promise((resolve) => server.close(resolve));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^\d\d:\d\d:\d\d INFO {2}GET \/api\/portal\?q=1 200 \d+ ms$/);
  });

  it('shows a warning with its reason but no stack, and an error with its stack', () => {
    const { lines, log } = capture();
    const err = new Error('connect ECONNREFUSED 127.0.0.1:7700');
    log.warn({ err }, 'request to a stopped service failed during shutdown');
    expect(lines).to.deep.equal([lines[0]]);
    expect(lines[0]).to.match(/WARN {2}request to a stopped service failed during shutdown: connect ECONNREFUSED 127\.0\.0\.1:7700$/);
    log.error({ err, jobId: 'a1' }, 'job failed');
    expect(lines[1]).to.match(/ERROR job failed: connect ECONNREFUSED 127\.0\.0\.1:7700 jobId=a1$/);
    expect(lines[2]).to.match(/^\s+at /);
  });

  it("shows a failed query's cause, not its SQL", () => {
    const line = JSON.stringify({ level: 40, time: Date.now(), msg: 'match refresh failed', err: { message: 'Failed query: select "id" from "listings" where "id" = $1\nparams: [redacted]', cause: { message: 'Cannot use a pool after calling end on the pool' } } });
    expect(formatLine(line)).to.match(/WARN {2}match refresh failed: Cannot use a pool after calling end on the pool$/);
    const withoutCause = JSON.stringify({ level: 40, time: Date.now(), msg: 'match refresh failed', err: { message: 'Failed query: select "id" from "listings"\nparams: [redacted]' } });
    expect(formatLine(withoutCause)).to.match(/WARN {2}match refresh failed: database query failed$/);
  });

  it('passes a line that is not JSON through unchanged and colors levels only when asked', () => {
    expect(formatLine('plain text\n')).to.equal('plain text');
    const line = JSON.stringify({ level: 40, time: Date.now(), msg: '注意' });
    expect(formatLine(line, true)).to.include('\x1b[33mWARN \x1b[0m');
    expect(formatLine(line, false)).not.to.include('\x1b[');
  });
});
