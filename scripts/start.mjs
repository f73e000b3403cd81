// SPDX-License-Identifier: EUPL-1.2
// `npm start`: build the web app if it is not built yet, then run the server (API and web app
// on one port, one process).
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
  console.log('Web-app wordt gebouwd (eenmalig)...');
  const r = spawnSync('npm', ['run', 'build', '-w', '@zvh/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
