/**
 * The run file `DATA_DIR/run.json` (mode 0600): which process owns this data directory's embedded services,
 * and how to reach them. The server writes it; maintenance commands read it and attach instead of starting
 * (and, before, stopping) their own. The file is a claim: created exclusively, so two owners never race.
 * A claim whose owner is gone (pid dead, or the pid now belongs to another process) is stale and replaced.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RunFile {
  version: 1;
  /** The owning process: the server (its primary when WORKERS > 1) or a command that started services itself. */
  pid: number;
  /** Kernel start time of the owner (/proc/PID/stat field 22): tells a reused pid from the owner. */
  pidStart: string | null;
  role: 'server' | 'command';
  /** What the owner is (`npm start`, `reindex`…), for messages. */
  name: string;
  startedAt: string;
  /** Set once the services below are up (commands wait for it). */
  ready: boolean;
  /** The server's address (absent for commands). */
  http?: { url: string; workers: number; pids?: { index: number; pid: number | null }[] };
  postgres?: { url: string; port: number; pid: number | null };
  meilisearch?: { url: string; key: string; port: number; pid: number | null };
}

export const RUN_FILE = 'run.json';
export const runFilePath = (dir: string) => path.join(dir, RUN_FILE);

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null off Linux. */
export function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readRunFile(dir: string): RunFile | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(runFilePath(dir), 'utf8')) as RunFile;
    return parsed && parsed.version === 1 && Number.isInteger(parsed.pid) ? parsed : null;
  } catch {
    return null;
  }
}

/** True while the process that wrote the file still runs (the same process: same pid and start time). */
export function ownerAlive(run: RunFile): boolean {
  if (!isAlive(run.pid)) return false;
  const start = processStart(run.pid);
  return !run.pidStart || !start || start === run.pidStart;
}

/** The run file when its owner is alive, else null. */
export function liveRunFile(dir: string): RunFile | null {
  const run = readRunFile(dir);
  return run && ownerAlive(run) ? run : null;
}

function write(file: string, content: RunFile, flag: 'wx' | 'w'): void {
  const fd = fs.openSync(file, flag, 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(content, null, 2) + '\n');
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(file, 0o600);
}

/**
 * Claims `dir` for this process. Returns null on success, or the live owner's run file when another
 * process holds it. A stale file (owner gone) is replaced.
 */
export function claimRunFile(dir: string, role: RunFile['role'], name: string): RunFile | null {
  fs.mkdirSync(dir, { recursive: true });
  const file = runFilePath(dir);
  const mine: RunFile = { version: 1, pid: process.pid, pidStart: processStart(process.pid), role, name, startedAt: new Date().toISOString(), ready: false };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      write(file, mine, 'wx');
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const existing = readRunFile(dir);
    if (existing && ownerAlive(existing)) return existing;
    if (!existing) {
      // Being written right now by another claimant, or unreadable garbage: look again shortly, then replace.
      const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < 2000) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        continue;
      }
    }
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not claim ${file}`);
}

/** Updates this process' own run file (no-op if another process owns it). */
export function updateRunFile(dir: string, patch: Partial<RunFile>): void {
  const run = readRunFile(dir);
  if (!run || run.pid !== process.pid) return;
  const file = runFilePath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  write(tmp, { ...run, ...patch }, 'w');
  fs.renameSync(tmp, file);
}

/** Removes the run file if this process owns it. */
export function releaseRunFile(dir: string): void {
  const run = readRunFile(dir);
  if (run && run.pid === process.pid) fs.rmSync(runFilePath(dir), { force: true });
}

/** Waits (polling the file; nothing to subscribe to across processes) until the owner marks its services ready. */
export async function waitReady(dir: string, ms: number): Promise<RunFile> {
  const until = Date.now() + ms;
  for (;;) {
    const run = liveRunFile(dir);
    if (!run) throw new Error('the process that owned the services has exited');
    if (run.ready) return run;
    if (Date.now() > until) throw new Error(`the services of ${run.name} (pid ${run.pid}) did not become ready within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
