// SPDX-License-Identifier: EUPL-1.2
// Prepares one migrated, seeded database per test run; every test file then gets its own copy
// quickly: a PGlite data-dir snapshot, or on PostgreSQL (TEST_DATABASE_URL) a template database.
import type { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../core/db/index.js';
import { seedInstallation } from '../core/seed.js';
import { adminUrl, templateName } from './pg-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = (await import('pg')).default;
    const tpl = templateName(url);
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${tpl}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${tpl}"`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${tpl}`;
    const database = await openDatabase({ databaseUrl: tplUrl.toString(), install: (owner) => seedInstallation(owner, { demo: true }) });
    await database.close();
    project.provide('pgTemplate', tpl);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${tpl}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ install: (owner) => seedInstallation(owner, { demo: true }) });
  const blob = await (database.raw as PGlite).dumpDataDir('none');
  await database.close();
  const dir = mkdtempSync(join(tmpdir(), 'zvh-test-'));
  const file = join(dir, 'snapshot.tar');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
