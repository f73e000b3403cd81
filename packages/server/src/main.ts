// SPDX-License-Identifier: EUPL-1.2
// Server entry point: configuration, database (migrations at start-up), installation data, HTTP,
// background jobs (core/jobs.ts), and a graceful stop on SIGTERM/SIGINT.
import { loadConfig, ConfigError } from './core/config.js';
import { openDatabase } from './core/db/index.js';
import { seedInstallation } from './core/seed.js';
import { installJobQueues, startJobs } from './core/jobs.js';
import type { JobRunner } from './core/jobs.js';
import { buildApp } from './app.js';
import { systemDb } from './core/context.js';
import { seedDemoCases } from './demo/demo-cases.js';

/** The whole stop (requests, jobs, database) must end within this; the contract allows 10 s. */
const STOP_DEADLINE_MS = 9_000;

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
    // the installation data (tenant, reference data, users) as the owner, next to the migrations
    install: async (owner) => { ({ tenantId } = await seedInstallation(owner, { demo: config.demo })); },
  });
  // pg-boss's schema and queues, as the owner next to the migrations (instances take turns)
  if (config.databaseUrl) await installJobQueues(config.databaseUrl);
  const seeded = Date.now();
  const app = await buildApp(config, database);
  const built = Date.now();

  let stopping: Promise<void> | undefined;
  const running: { jobs?: JobRunner } = {};
  let seeding: Promise<unknown> = Promise.resolve();
  const stop = (signal: string) => {
    stopping ??= (async () => {
      console.log(`${signal} ontvangen: lopende verzoeken en taken worden afgerond, daarna stopt de server`);
      const deadline = setTimeout(() => {
        console.error(`Niet binnen ${STOP_DEADLINE_MS / 1000} s gestopt: verbindingen worden verbroken`);
        process.exit(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      try {
        // stop listening at once; answer what is running; then jobs, then the database
        await Promise.all([app.close(), running.jobs?.stop(STOP_DEADLINE_MS - 2000)]);
        await Promise.race([seeding, new Promise((r) => setTimeout(r, 1000).unref())]);
        await database.close();
      } catch (e) {
        console.error('Stoppen ging niet netjes:', e instanceof Error ? e.message : e);
        process.exit(1);
      }
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(`ZVH Casussysteem draait op ${shown} (${database.kind === 'pglite' ? `ingebouwde database in ${config.dataDir}` : 'PostgreSQL'}${config.demo ? ', demomodus' : ''}; gestart in ${((Date.now() - started) / 1000).toFixed(1)} s: database en installatiegegevens ${((seeded - started) / 1000).toFixed(1)} s, app ${((built - seeded) / 1000).toFixed(1)} s; proces ${(process.uptime()).toFixed(1)} s)`);
  if (config.demo) {
    // the demo caseload is filled in after start-up, so the server answers at once
    const t = Date.now();
    seeding = seedDemoCases(systemDb(database.db, tenantId), tenantId)
      .then((n) => console.log(n
        ? `Demogegevens: ${n} fictieve aanmeldingen en casussen aangemaakt in ${((Date.now() - t) / 1000).toFixed(1)} s`
        : 'Demogegevens: al aanwezig'))
      .catch((e) => { if (!stopping) console.error('Demogegevens aanmaken mislukt:', e instanceof Error ? e.message : e); });
  }
  if (stopping) return;
  // meeting generation, stagnation radar, pseudonyms, digest, ...: the registry in core/jobs.ts
  running.jobs = await startJobs({ database, config, metrics: app.metrics });
  if (stopping) await running.jobs.stop(); // a signal came while the jobs were starting
}

main().catch((e) => {
  console.error('Start mislukt:', e instanceof Error ? e.message : e);
  process.exit(1);
});
