// SPDX-License-Identifier: EUPL-1.2
// After the web build: a .br (brotli, best quality) and a .gz (gzip -9) beside every text asset,
// which the server sends as they are (@fastify/static preCompressed) instead of compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = resolve(process.argv[2] ?? 'dist');
const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/; // not the source maps: large and rarely fetched
let files = 0, before = 0, after = 0;
const visit = (p) => {
  const s = statSync(p);
  if (s.isDirectory()) return readdirSync(p).forEach((e) => visit(join(p, e)));
  if (!TEXT.test(p) || s.size < 1024) return;
  const data = readFileSync(p);
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  writeFileSync(`${p}.br`, br);
  writeFileSync(`${p}.gz`, gzipSync(data, { level: 9 }));
  files++; before += data.length; after += br.length;
};
visit(dir);
console.log(`Voorgecomprimeerd: ${files} bestanden, ${(before / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB (brotli)`);
