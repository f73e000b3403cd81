// SPDX-License-Identifier: EUPL-1.2
// CLI: import an existing caseload (import format v1, newline-delimited JSON).
//
//   npm run import -- <bestand.ndjson> [--tenant drenthe] [--dry-run] [--batch-size 1000]
//
// Opens the database like the server does (DATA_DIR, default ./data, or DATABASE_URL; pending
// migrations applied), shows progress on stderr and a summary on stdout. Exit code 0 when every
// line went in, 1 when lines were rejected, 2 on a usage error or an aborted import (the batches
// before it are committed; running the same import again completes it).
// With the embedded database (PGlite) stop the server first: one process per data directory.
import { createReadStream, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_TENANT } from '@zvh/shared';
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase, sql } from '../core/db/index.js';
import { systemCtx } from '../core/context.js';
import type { Database } from '../core/db/index.js';
import { seedInstallation } from '../core/seed.js';
import { DEFAULT_BATCH_SIZE, ImportAbortedError, importCases } from '../modules/import/service.js';
import type { ImportProgress, ImportResult } from '../modules/import/service.js';

const USAGE = `Gebruik: npm run import -- <bestand.ndjson> [--tenant <code>] [--dry-run] [--batch-size <n>]

  <bestand.ndjson>   één JSON-object per regel (importformaat v1)
  --tenant <code>    tenant waarin wordt geïmporteerd (standaard ${DEFAULT_TENANT.code})
  --dry-run          alles controleren, niets opslaan
  --batch-size <n>   regels per transactie (standaard ${DEFAULT_BATCH_SIZE})

Database: DATABASE_URL, anders de ingebouwde database in DATA_DIR (standaard ./data).
Exitcode: 0 alles geïmporteerd, 1 regels geweigerd, 2 fout of afgebroken.`;

interface Args { file: string; tenant: string; dryRun: boolean; batchSize: number }

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let tenant: string = DEFAULT_TENANT.code;
  let dryRun = false;
  let batchSize = DEFAULT_BATCH_SIZE;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return USAGE;
    else if (flag === '--dry-run') dryRun = true;
    else if (flag === '--tenant') {
      const v = value();
      if (!v) return `--tenant heeft een code nodig\n\n${USAGE}`;
      tenant = v;
    } else if (flag === '--batch-size') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 100_000) return `--batch-size moet een geheel getal van 1 tot 100000 zijn\n\n${USAGE}`;
      batchSize = n;
    } else if (flag === '--demo') continue; // accepted like the server does; irrelevant here
    else if (flag.startsWith('-')) return `Onbekende optie ${flag}\n\n${USAGE}`;
    else if (file === undefined) file = a;
    else return `Eén bestand tegelijk, niet ook ${a}\n\n${USAGE}`;
  }
  if (!file) return USAGE;
  return { file, tenant, dryRun, batchSize };
}

const nf = new Intl.NumberFormat('nl-NL');
const fmt = (n: number) => nf.format(Math.round(n));

function progressBar(size: number) {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let lastDraw = 0;
  let lastTenth = -1;
  const render = (p: ImportProgress, final = false) => {
    const now = Date.now();
    const secs = Math.max((now - start) / 1000, 0.001);
    const pct = size > 0 ? Math.min(100, (p.bytesRead / size) * 100) : 100;
    const rate = p.linesRead / secs;
    if (tty) {
      if (!final && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      process.stderr.write(`\r${bar} ${pct.toFixed(0).padStart(3)}%  ${fmt(p.linesRead)} regels  ${fmt(rate)} regels/s  geweigerd ${fmt(p.rejected)}\x1b[K`);
      if (final) process.stderr.write('\n');
    } else {
      // without a terminal: one line per 10%
      const tenth = Math.floor(pct / 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`${pct.toFixed(0).padStart(3)}%  ${fmt(p.linesRead)} regels  ${fmt(rate)} regels/s  geweigerd ${fmt(p.rejected)}\n`);
    }
  };
  return render;
}

function summary(r: ImportResult, secs: number, file: string): string {
  const out = [
    `${r.dryRun ? 'Proefimport (--dry-run, niets opgeslagen)' : 'Import'} van ${file}: ${fmt(r.lines)} regels in ${secs.toFixed(1)} s (${fmt(r.lines / Math.max(secs, 0.001))} regels/s)`,
    `  nieuw:       ${fmt(r.imported)}`,
    `  bijgewerkt:  ${fmt(r.updated)}${r.unchanged ? ` (waarvan ${fmt(r.unchanged)} ongewijzigd)` : ''}`,
    `  geweigerd:   ${fmt(r.rejectedCount)}`,
  ];
  if (r.rejectedCount > 0) {
    const shown = r.rejected.slice(0, 20);
    out.push(`Eerste geweigerde regels${r.rejectedCount > shown.length ? ` (${shown.length} van ${fmt(r.rejectedCount)})` : ''}:`);
    for (const x of shown) out.push(`  regel ${x.line}: ${x.error}`);
  }
  return out.join('\n');
}

/** Who runs the import: the operating-system user (under sudo the one who called sudo). */
function operator(): string {
  if (process.env.SUDO_USER) return process.env.SUDO_USER;
  try { return userInfo().username; } catch { return process.env.USER || process.env.USERNAME || 'onbekend'; }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    const help = args === USAGE && process.argv.slice(2).some((a) => a === '-h' || a === '--help');
    (help ? console.log : console.error)(args);
    return help ? 0 : 2;
  }
  // `npm run import -w` runs with cwd packages/server: paths are meant relative to where npm was started
  const base = process.env.INIT_CWD ?? process.cwd();
  const file = resolve(base, args.file);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('geen bestand');
    size = st.size;
  } catch {
    console.error(`Bestand niet gevonden of niet leesbaar: ${file}`);
    return 2;
  }

  let config;
  try {
    config = loadConfig({ ...process.env, DATA_DIR: resolve(base, process.env.DATA_DIR || './data') });
  } catch (e) {
    if (e instanceof ConfigError) { console.error(`Configuratiefout: ${e.message}`); return 2; }
    throw e;
  }

  let database: Database | undefined;
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nOnderbroken: de lopende batch wordt afgemaakt, daarna stopt de import (nogmaals Ctrl-C om direct te stoppen).\n');
    stream.destroy(new Error('onderbroken door gebruiker'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl, dataDir: config.dataDir, appDatabaseUrl: config.databaseAppUrl, appPassword: config.databaseAppPassword,
      install: async (owner) => {
        // a fresh database: install the default tenant with its reference data, as the server would
        if (args.tenant !== DEFAULT_TENANT.code) return;
        const known = await owner.execute(sql`select 1 from tenants where code = ${args.tenant}`) as unknown as { rows: unknown[] };
        if (!known.rows.length) await seedInstallation(owner, { demo: false });
      },
    });
    const { db } = database;
    // the processing log names the tool (cli@<tenant>) and, in its details, who ran it
    const who = { tool: 'Import (commandoregel)', operator: operator() };
    const ctx = await systemCtx(db, args.tenant, who);
    if (!ctx) {
      console.error(`Tenant '${args.tenant}' bestaat niet in deze database`);
      stream.destroy();
      return 2;
    }
    const where = database.kind === 'pglite' ? `ingebouwde database in ${config.dataDir}` : 'PostgreSQL';
    process.stderr.write(`${args.dryRun ? 'Proefimport' : 'Import'} van ${file} (${fmt(size / 1024)} kB) in tenant ${args.tenant} (${where})\n`);
    const render = progressBar(size);
    const started = Date.now();
    let last: ImportProgress = { linesRead: 0, bytesRead: 0, imported: 0, updated: 0, rejected: 0 };
    try {
      const result = await importCases(ctx, stream, {
        dryRun: args.dryRun,
        batchSize: args.batchSize,
        onProgress: (p) => { last = p; render(p); },
      });
      render({ ...last, bytesRead: size }, true);
      console.log(summary(result, (Date.now() - started) / 1000, file));
      return result.rejectedCount > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof ImportAbortedError) {
        render(last, true);
        const p = e.partial;
        console.error(`Import afgebroken bij regel ${e.atLine}: ${e.cause instanceof Error ? e.cause.message : String(e.cause)}`);
        console.error(`Verwerkt voor de onderbreking: ${fmt(p.imported)} nieuw, ${fmt(p.updated)} bijgewerkt, ${fmt(p.rejectedCount)} geweigerd.`);
        console.error('Start dezelfde import opnieuw om hem af te maken (al verwerkte regels worden bijgewerkt, niet verdubbeld).');
        return interrupted ? 130 : 2;
      }
      throw e;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database?.close();
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error('Import mislukt:', e instanceof Error ? e.message : e);
  process.exit(2);
});
