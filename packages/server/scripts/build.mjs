// SPDX-License-Identifier: EUPL-1.2
// Compiles the server ahead of time: one ES module bundle in dist/main.js (esbuild), so that
// `npm start` runs plain `node dist/main.js` without compiling TypeScript at every start.
// Packages from node_modules stay external (loaded by Node as usual); the workspace's own
// TypeScript packages (@zvh/shared) are bundled in, since Node cannot load their .ts sources.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [{
    name: 'external-node-modules',
    setup(b) {
      // bare specifiers (not ./, ../ or absolute) are external, except the workspace's @zvh/*
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@zvh/') ? undefined : { path: args.path, external: true }));
    },
  }],
});
console.log(`Server gebouwd in dist/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
