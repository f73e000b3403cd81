// SPDX-License-Identifier: EUPL-1.2
// `npm run verify-log [-- archive-file ...]`: seals what is not sealed yet, then verifies the hash
// chain and the signed checkpoints of every month in the database and of every archive file (given
// here or recorded by archive-log). Prints the first break and exits 1; 0 when everything is intact.
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase } from '../core/db/index.js';
import { loadSigningKey } from '../core/log-chain.js';
import { describeBreak, verifyAll } from '../core/log-archive.js';

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

try {
  const config = loadConfig();
  const key = loadSigningKey(config);
  // as the owner: it also reads the default partition, which the application role cannot reach
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: true });
  const res = await verifyAll(database.db, key, process.argv.slice(2));
  await database.close();
  for (const l of res.lines) console.log(l);
  if (!res.ok) {
    console.error(`Verwerkingenlog NIET intact: ${describeBreak(res.firstBreak!)}`);
    process.exit(1);
  }
  console.log(`Verwerkingenlog intact (sleutel ${key.keyId}).`);
} catch (e) {
  console.error(e instanceof ConfigError ? `Configuratiefout: ${e.message}` : `Controle mislukt: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
