// SPDX-License-Identifier: EUPL-1.2
// `npm run archive-log -- YYYY-MM file`: writes a closed month of the processing log with its
// hash chain and signed checkpoints to a file and detaches and drops the month's partitions
// (core/log-archive.ts). Runs as the database owner. `npm run verify-log` verifies the file later.
import { userInfo } from 'node:os';
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase } from '../core/db/index.js';
import { loadSigningKey } from '../core/log-chain.js';
import { ArchiveError, archiveMonth } from '../core/log-archive.js';

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const [month, file] = process.argv.slice(2);
if (!month || !file) {
  console.error('Gebruik: npm run archive-log -- JJJJ-MM bestand.ndjson');
  process.exit(64);
}
try {
  const config = loadConfig();
  const key = loadSigningKey(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: true });
  try {
    const res = await archiveMonth(database.db, key, month, file, userInfo().username);
    console.log(`${month}: ${res.records} verwerkingen gearchiveerd in ${file} (SHA-256 ${res.sha256}); de partities zijn losgekoppeld en verwijderd.`);
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? `Configuratiefout: ${e.message}` : e instanceof ArchiveError ? e.message : `Archiveren mislukt: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
