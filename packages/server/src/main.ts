// SPDX-License-Identifier: EUPL-1.2
// Server entry point: configuration, database (migrations at start-up), installation data, HTTP.
import { loadConfig, ConfigError } from './core/config.js';
import { openDatabase } from './core/db/index.js';
import { seedInstallation } from './core/seed.js';
import { buildApp } from './app.js';
import { systemDb } from './core/context.js';
import { seedDemoCases } from './demo/demo-cases.js';
import { generateAllTenants } from './modules/casusoverleg/service.js';
import { runRadarAllTenants } from './modules/radar/service.js';
import { startDigestSchedule } from './modules/werkdag/digest.js';
import { syncAllPseudonyms } from './modules/andere-zvh/service.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuratiefout: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  const started = Date.now();
  let tenantId = '';
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, appDatabaseUrl: config.databaseAppUrl, appPassword: config.databaseAppPassword,
    install: async (owner) => { ({ tenantId } = await seedInstallation(owner, { demo: config.demo })); },
  });
  const app = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(`ZVH Casussysteem draait op ${shown} (${database.kind === 'pglite' ? `ingebouwde database in ${config.dataDir}` : 'PostgreSQL'}${config.demo ? ', demomodus' : ''}; gestart in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (config.demo) {
    // the demo caseload is filled in after start-up, so the server answers at once
    const t = Date.now();
    seedDemoCases(systemDb(database.db, tenantId), tenantId)
      .then((n) => { if (n) console.log(`Demogegevens: ${n} fictieve aanmeldingen en casussen aangemaakt in ${((Date.now() - t) / 1000).toFixed(1)} s`); })
      .catch((e) => console.error('Demogegevens aanmaken mislukt:', e instanceof Error ? e.message : e));
  }
  // keyed BSN pseudonyms ("bekend bij een ander ZVH") for persons without one of this PSEUDONYM_SECRET
  syncAllPseudonyms(database.db, config.pseudonymSecret).catch((e) => console.error('Pseudoniemen berekenen mislukt:', e instanceof Error ? e.message : e));
  // the coming weeks' meetings from each meeting type's frequency rule, now and daily (idempotent)
  const planMeetings = () => generateAllTenants(database.db).catch((e) => console.error('Overleggen plannen mislukt:', e instanceof Error ? e.message : e));
  void planMeetings();
  setInterval(planMeetings, 24 * 3600e3).unref();
  // the stagnation radar's rules, now and daily (idempotent: a proposal is stored once per set of facts)
  const radar = () => runRadarAllTenants(database.db).catch((e) => console.error('Stagnatieradar mislukt:', e instanceof Error ? e.message : e));
  void radar();
  setInterval(radar, 24 * 3600e3).unref();
  // the daily e-mail digest (only with SMTP configured); idempotent per user per day
  const stopDigests = startDigestSchedule({ db: database.db, smtp: config.smtp, publicUrl: config.publicUrl });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopDigests();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('Start mislukt:', e instanceof Error ? e.message : e);
  process.exit(1);
});
