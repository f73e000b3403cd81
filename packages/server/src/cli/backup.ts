// SPDX-License-Identifier: EUPL-1.2
// CLI: back-up and restore of the whole database.
//
//   npm run backup -- <bestand>            PostgreSQL (DATABASE_URL): pg_dump -Fc; anders de
//                                          ingebouwde database in DATA_DIR als .tar.gz
//   npm run restore -- <bestand> [--force] in een lege database / lege DATA_DIR; --force vervangt
//                                          de bestaande inhoud (PGlite: oude map blijft bewaard)
//
// With the embedded database stop the server first (one process per data directory); with
// PostgreSQL a back-up may run while the server runs (pg_dump reads one consistent snapshot), a
// restore should not.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { backup, BackupError, restore } from '../core/backup.js';

// npm runs workspace scripts inside packages/server: resolve paths against where it was typed
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const USAGE = `Gebruik: npm run backup -- <bestand>
         npm run restore -- <bestand> [--force]

Database: DATABASE_URL (pg_dump/pg_restore), anders de ingebouwde database in DATA_DIR (standaard ./data).
Stop bij de ingebouwde database eerst de server.`;

const [command, ...rest] = process.argv.slice(2);
const force = rest.includes('--force');
const files = rest.filter((a) => !a.startsWith('--'));
if (!['backup', 'restore'].includes(command ?? '') || files.length !== 1 || rest.some((a) => a.startsWith('--') && a !== '--force') || (command === 'backup' && force)) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const config = loadConfig({ ...process.env, DEMO: '0' }, []);
  const file = resolve(files[0]!);
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const where = config.databaseUrl ? 'PostgreSQL' : `de ingebouwde database in ${config.dataDir}`;
  const t0 = Date.now();
  if (command === 'backup') {
    const r = await backup(target, file);
    console.log(`Back-up van ${where} geschreven naar ${file} (${(r.bytes / 2 ** 20).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } else {
    const r = await restore(target, file, { force });
    console.log(`${file} teruggezet in ${where} (${((Date.now() - t0) / 1000).toFixed(1)} s)${r.keptAside ? `; de vorige database staat in ${r.keptAside}` : ''}`);
  }
} catch (e) {
  const msg = e instanceof ConfigError ? `Configuratiefout: ${e.message}` : e instanceof BackupError ? e.message : `Mislukt: ${e instanceof Error ? e.message : String(e)}`;
  console.error(msg);
  process.exit(1);
}
