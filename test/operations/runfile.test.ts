import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { claimRunFile, liveRunFile, processStart, readRunFile, releaseRunFile, type RunFile } from '../../server/lib/runfile.js';
import { isDbUnavailable } from '../../server/lib/db.js';
import { runDir } from '../setup/global.js';

describe('run file (DATA_DIR/run.json)', () => {
  let n = 0;
  const fresh = () => {
    const dir = runDir(`runfile-${n++}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const write = (dir: string, run: Partial<RunFile>) =>
    fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ version: 1, role: 'server', name: 'npm start', startedAt: new Date().toISOString(), ready: true, pidStart: null, ...run }));

  it('is claimed with mode 0600 and this pid, and released only by its owner', () => {
    const dir = fresh();
    expect(claimRunFile(dir, 'command', 'test')).to.equal(null);
    expect(fs.statSync(path.join(dir, 'run.json')).mode & 0o777).to.equal(0o600);
    expect(readRunFile(dir)).to.include({ pid: process.pid, pidStart: processStart(process.pid), role: 'command', ready: false });
    releaseRunFile(dir);
    expect(fs.existsSync(path.join(dir, 'run.json'))).to.equal(false);
    write(dir, { pid: 1 });
    releaseRunFile(dir);
    expect(readRunFile(dir)?.pid, 'not ours: left alone').to.equal(1);
  });

  it('replaces a file whose owner is gone, or whose pid now belongs to another process', async () => {
    const dead = fresh();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.once('exit', r));
    write(dead, { pid: child.pid! });
    expect(liveRunFile(dead)).to.equal(null);
    expect(claimRunFile(dead, 'server', 'npm start')).to.equal(null);
    expect(readRunFile(dead)?.pid).to.equal(process.pid);

    const reused = fresh();
    write(reused, { pid: process.ppid, pidStart: '1' });
    expect(claimRunFile(reused, 'server', 'npm start')).to.equal(null);
    expect(readRunFile(reused)?.pid).to.equal(process.pid);
  });

  it('keeps a live owner: the claim answers with its run file', async () => {
    const dir = fresh();
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await new Promise((r) => owner.once('spawn', r));
      write(dir, { pid: owner.pid!, pidStart: processStart(owner.pid!) });
      expect(claimRunFile(dir, 'server', 'npm start')).to.include({ pid: owner.pid, role: 'server' });
      expect(readRunFile(dir)?.pid).to.equal(owner.pid);
    } finally {
      owner.kill('SIGKILL');
    }
  });
});

describe('database unavailable errors', () => {
  it('recognises connection failures (also wrapped by Drizzle) and nothing else', () => {
    expect(isDbUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).to.equal(true);
    expect(isDbUnavailable(new Error('Failed query: select 1', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }))).to.equal(true);
    expect(isDbUnavailable(new Error('timeout exceeded when trying to connect'))).to.equal(true);
    expect(isDbUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).to.equal(true);
    expect(isDbUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).to.equal(false);
    expect(isDbUnavailable(new Error('something else'))).to.equal(false);
  });
});
