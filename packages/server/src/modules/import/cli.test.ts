// SPDX-License-Identifier: EUPL-1.2
// The import CLI (src/cli/import.ts), spawned with tsx on a temporary DATA_DIR (embedded database),
// the way `npm run import` runs it: cwd packages/server, paths relative to INIT_CWD.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows, sql } from '../../core/db/index.js';
import { sampleLines } from './sample.js';

const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: dir, DATA_DIR: 'data', NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.SUDO_USER;
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

// read back as the owner (`owner: true`, like the maintenance tools): the application's role sees no
// row of a table with row-level security, so counting through it would always find nothing
async function inspect<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: join(dir, 'data'), migrate: false, owner: true });
  try { return await fn(database.db); } finally { await database.close(); }
}
// the processing log names the tool (cli@<tenant>) and who ran it (the operating-system user)
const countCli = (db: Awaited<ReturnType<typeof openDatabase>>['db']) => rows<{ r: number; l: number }>(db, sql`
  select (select count(*) from registrations where external_id like 'CLI-%')::int as r,
         (select count(*) from processing_log where actor_email = 'cli@drenthe' and actor_organisation = 'zvh' and actor_user_id is null
             and details->>'operator' = ${userInfo().username})::int as l`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zvh-import-cli-'));
  const lines = [...sampleLines(5, { prefix: 'CLI', seed: 7 })].map((l) => JSON.stringify(l));
  writeFileSync(join(dir, 'good.ndjson'), lines.join('\n') + '\n');
  const bad = JSON.stringify({ ...JSON.parse(lines[0]!), externalId: 'CLI-BAD', municipality: 'GM9999' });
  writeFileSync(join(dir, 'mixed.ndjson'), [...lines, bad].join('\n') + '\n');
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

// each spawn starts the embedded database: slow on a busy two-core machine
describe('npm run import (CLI)', { timeout: 180_000 }, () => {
  it('--dry-run checks the file and writes nothing', async () => {
    const r = await cli(['good.ndjson', '--dry-run']);
    expect(r.stderr).toContain('100%');
    expect(r.stdout).toContain('Proefimport');
    expect(r.stdout).toMatch(/nieuw:\s+5/);
    expect(r.code).toBe(0);
    expect(await inspect(countCli)).toEqual([{ r: 0, l: 0 }]);
  });

  it('imports, reports rejected lines with exit code 1, and updates on a re-run', async () => {
    const r = await cli(['mixed.ndjson', '--tenant', 'drenthe']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nieuw:\s+5/);
    expect(r.stdout).toMatch(/geweigerd:\s+1/);
    expect(r.stdout).toContain("regel 6: municipality: onbekende gemeentecode 'GM9999'");
    expect(r.stderr).toMatch(/regels\/s/);
    expect(await inspect(countCli)).toEqual([{ r: 5, l: 5 }]);
    const events = await inspect((db) => rows<{ actor_name: string; n: number }>(db, sql`select actor_name, count(*)::int as n from case_events
      where type = 'imported' and actor_id is null group by actor_name`));
    expect(events).toEqual([{ actor_name: `Import (commandoregel) door ${userInfo().username}`, n: 5 }]);

    const again = await cli(['good.ndjson']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/bijgewerkt:\s+5/);
    expect(await inspect(countCli)).toEqual([{ r: 5, l: 10 }]);
  });

  it('exits 2 on a missing file or an unknown tenant', async () => {
    const missing = await cli(['bestaat-niet.ndjson']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('niet gevonden');
    const tenant = await cli(['good.ndjson', '--tenant', 'groningen']);
    expect(tenant.code).toBe(2);
    expect(tenant.stderr).toContain("Tenant 'groningen' bestaat niet");
  });
});
