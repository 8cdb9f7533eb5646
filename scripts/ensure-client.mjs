// Builds the web client before `npm start` when it is missing or older than its sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dist = path.resolve('client/dist/index.html');
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? (e.name === 'dist' ? 0 : newest(p)) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const sourcesTime = Math.max(newest('client'), newest('common'), fs.statSync('vite.config.ts').mtimeMs);
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sourcesTime) {
  console.log('Building the web client (vite build)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
