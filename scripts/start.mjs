// SPDX-License-Identifier: EUPL-1.2
// `npm start`: build the web app if it is not built yet, build the server when its bundle is
// missing or older than its sources (the first start from a fresh clone), then run the compiled
// server in this process (API and web app on one port; no TypeScript compiler at start-up).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(label, args) {
  console.log(label);
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The newest modification time under the given files and directories (0 when none exist). */
function newest(paths) {
  let t = 0;
  const visit = (p) => {
    let s;
    try { s = statSync(p); } catch { return; }
    if (s.isDirectory()) { for (const e of readdirSync(p)) if (e !== 'node_modules') visit(join(p, e)); }
    else if (s.mtimeMs > t) t = s.mtimeMs;
  };
  paths.forEach(visit);
  return t;
}

if (!existsSync(join(root, 'packages/web/dist/index.html'))) run('Web-app wordt gebouwd (eenmalig)...', ['run', 'build', '-w', '@zvh/web']);

const bundle = join(root, 'packages/server/dist/main.js');
const sources = ['packages/server/src', 'packages/server/package.json', 'packages/server/scripts/build.mjs', 'packages/shared/src', 'packages/shared/package.json'].map((p) => join(root, p));
const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
if (!built || newest(sources) > built) run(built ? 'Server wordt opnieuw gebouwd (bronnen gewijzigd)...' : 'Server wordt gebouwd (eenmalig)...', ['run', 'build', '-w', '@zvh/server']);

process.setSourceMapsEnabled?.(true);
await import(pathToFileURL(bundle).href);
