// SPDX-License-Identifier: EUPL-1.2
// The SQL of migration 0018 (performance) on the database the tests run on (PGlite or PostgreSQL):
// zvh_workdays counts exactly what the generate_series per row counted, on every boundary (the
// same day, the day after, weekends, the year end, to before from); the person search's name
// condition is served by the trigram index (pg_trgm loaded on both databases); the pool size
// setting is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { Database } from './index.js';
import { DEFAULT_POOL_SIZE, one, poolSizeFromEnv, refreshStatistics, rows, sql } from './index.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => { ({ database, drop } = await openTestDatabase()); });
afterAll(async () => { await drop?.(); });

describe('zvh_workdays', () => {
  it('equals the old generate_series count for every pair of days around a year end, in both orders', async () => {
    const r = await one<{ pairs: number; mismatches: number }>(database.db, sql`
      with days as (select (date '2025-12-10' + i) as d from generate_series(0, 40) i)
      select count(*)::int as pairs,
             count(*) filter (where zvh_workdays(f.d, t.d) <> (select count(*) from generate_series(f.d + 1, t.d, interval '1 day') g where extract(isodow from g) < 6))::int as mismatches
        from days f, days t`);
    expect(r).toEqual({ pairs: 41 * 41, mismatches: 0 });
  });

  it('counts the days after from up to and including to, Monday to Friday', async () => {
    const r = await rows<{ n: number }>(database.db, sql`select zvh_workdays(f::date, t::date) as n from (values
      ('2026-11-27', '2026-11-27'), ('2026-11-27', '2026-11-28'), ('2026-11-27', '2026-11-30'), ('2026-11-30', '2026-11-27'),
      ('2026-11-23', '2026-11-30'), ('1899-12-29', '1900-01-02')) v(f, t)`);
    // Fri->Fri 0; Fri->Sat 0; Fri->Mon 1; backwards 0; Mon->next Mon 5; across the 1900 epoch: Mon 1 + Tue 2 January
    expect(r.map((x) => x.n)).toEqual([0, 0, 1, 0, 5, 2]);
  });
});

describe('indexes', () => {
  it('pg_trgm is installed and the name search can use the trigram index', async () => {
    const ext = await one<{ n: number }>(database.db, sql`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`);
    expect(ext!.n).toBe(1);
    // the plan of the query itself, as the owner (row-level security adds its own tenant condition for the app)
    const owner = (database as Database & { owner: Database['db'] }).owner;
    await owner.execute(sql`set enable_seqscan = off`);
    try {
      const plan = await rows<Record<string, string>>(owner, sql`explain select id from persons p
        where p.tenant_id = gen_random_uuid() and p.first_name || ' ' || p.last_name ilike '%jansen%'`);
      expect(plan.map((p) => Object.values(p)[0]).join('\n')).toContain('persons_full_name_trgm');
    } finally {
      await owner.execute(sql`reset enable_seqscan`);
    }
  });
});

describe('planner statistics (migration 0025)', () => {
  it('the application role refreshes them through zvh_analyze(), for the tables it may not analyze itself', async () => {
    const owner = (database as Database & { owner: Database['db'] }).owner;
    await owner.execute(sql`create table stats_probe (n int)`);
    try {
      await owner.execute(sql`insert into stats_probe select generate_series(1, 500)`);
      const before = await one<{ t: number }>(owner, sql`select reltuples::int as t from pg_class where relname = 'stats_probe'`);
      expect(before!.t).toBeLessThan(1);
      await refreshStatistics(database.db);
      const after = await one<{ t: number }>(owner, sql`select reltuples::int as t from pg_class where relname = 'stats_probe'`);
      expect(after!.t).toBe(500);
    } finally {
      await owner.execute(sql`drop table stats_probe`);
    }
  });
});

describe('DATABASE_POOL_SIZE', () => {
  it('defaults, accepts a whole number and refuses anything else', () => {
    expect(poolSizeFromEnv({})).toBe(DEFAULT_POOL_SIZE);
    expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '' })).toBe(DEFAULT_POOL_SIZE);
    expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '35' })).toBe(35);
    for (const bad of ['0', '-1', '2.5', 'tien', '100000']) expect(() => poolSizeFromEnv({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
