// SPDX-License-Identifier: EUPL-1.2
// `npm run openapi`: writes the OpenAPI document of every route to a file (default
// packages/web/src/api/openapi.json), the source of the web app's generated types and of
// `redocly lint`. No database is opened: building the routes needs none.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../core/openapi.js';

const out = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/src/api/openapi.json'));
const doc = await openApiDocument();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`OpenAPI-document geschreven naar ${out}`);
