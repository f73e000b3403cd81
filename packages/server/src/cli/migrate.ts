// SPDX-License-Identifier: EUPL-1.2
// `npm run migrate`: applies pending migrations and the installation data (tenant drenthe with
// its reference data; demo users only in demo mode), then exits. Start-up does the same.
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase, rows, sql } from '../core/db/index.js';
import { seedInstallation } from '../core/seed.js';

// npm runs workspace scripts inside packages/server: resolve DATA_DIR against where it was typed
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

try {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, appDatabaseUrl: config.databaseAppUrl, appPassword: config.databaseAppPassword,
    install: (owner) => seedInstallation(owner, { demo: config.demo }),
  });
  const applied = await rows<{ n: number }>(database.db, sql`select count(*) as n from code_list_entries`).catch(() => [{ n: 0 }]);
  console.log(`Migraties toegepast op ${database.kind === 'pglite' ? config.dataDir : 'PostgreSQL'}; referentiedata aanwezig (${applied[0]?.n ?? 0} codes).`);
  await database.close();
} catch (e) {
  console.error(e instanceof ConfigError ? `Configuratiefout: ${e.message}` : `Migratie mislukt: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
