/**
 * Cross-component hooks (file visibility, indicator sources, the portal's roadshow feed, …) are wired explicitly at
 * start-up by server/components/wiring.ts, never as a side effect of importing a component.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { seededZones, staffUser } from '../factories/index.js';
import { testEnv } from '../setup/global.js';

const run = promisify(execFile);
const components = path.resolve('server/components');

describe('architecture: components are wired at start-up', function () {
  it('no component registers a hook when it is imported: the calls live in wiring.ts only', () => {
    const offenders: string[] = [];
    for (const name of fs.readdirSync(components)) {
      const dir = path.join(components, name);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        // A statement at module level that registers or subscribes.
        for (const m of text.matchAll(/^(register[A-Z]\w*|on[A-Z]\w*Event)\(/gm)) offenders.push(`${name}/${file}: ${m[1]}`);
      }
    }
    expect(offenders).to.deep.equal([]);
    expect(fs.readFileSync(path.join(components, 'wiring.ts'), 'utf8')).to.match(/registerIndicatorSource\('I23'/);
  });

  it('a script that imports every component sees indicator 23 pending until it wires them, then computed', async function () {
    this.timeout(60_000);
    const [zone] = await seededZones();
    const { user } = await staffUser('admin');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/architecture/fixtures/wiring-probe.ts'], {
      env: { ...process.env, PROBE_DATABASE_URL: testEnv().databaseUrl, PROBE_USER: user.id, PROBE_ZONE: zone!.id, LOG_LEVEL: 'silent' },
    });
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<'before' | 'after', { source: string; value: unknown; detail?: { pending?: string } }>;
    expect(before).to.include({ source: 'auto', value: null });
    expect(before.detail?.pending).to.be.a('string');
    expect(after.source).to.equal('auto');
    expect(after.value).to.be.a('number');
    expect(after.detail?.pending).to.equal(undefined);
  });
});
