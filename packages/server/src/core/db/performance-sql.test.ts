// SPDX-License-Identifier: EUPL-1.2
// The SQL of migration 0018 (performance) on the database the tests run on (PGlite or PostgreSQL):
// zvh_workdays counts exactly what the generate_series per row counted, on every boundary (the
// same day, the day after, weekends, the year end, to before from); the person search's name
// condition is served by the trigram index (pg_trgm loaded on both databases); the pool size
// setting is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { Database } from './index.js';
import { DEFAULT_POOL_SIZE, isEmbedded, newId, one, poolSizeFromEnv, refreshStatistics, rows, sql } from './index.js';

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

describe('time-ordered keys (migration 0029)', () => {
  const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

  it('zvh_uuid_v7() and newId() make version 7 UUIDs whose first 48 bits are the time in milliseconds', async () => {
    const before = Date.now();
    const db = await rows<{ id: string; now: number }>(database.db, sql`select zvh_uuid_v7()::text as id, (extract(epoch from clock_timestamp()) * 1000)::float8 as now
      from generate_series(1, 200)`);
    const app = Array.from({ length: 200 }, () => newId());
    const after = Date.now();
    for (const { id, now } of db) {
      expect(id).toMatch(V7);
      expect(Math.abs(msOf(id) - now)).toBeLessThanOrEqual(1);
    }
    for (const id of app) {
      expect(id).toMatch(V7);
      expect(msOf(id)).toBeGreaterThanOrEqual(before);
      expect(msOf(id)).toBeLessThanOrEqual(after);
    }
    // random in the other 74 bits: no two alike
    expect(new Set([...db.map((r) => r.id), ...app]).size).toBe(400);
  });

  it('every key column that defaulted to a random UUID now defaults to zvh_uuid_v7()', async () => {
    const defaults = await rows<{ d: string; n: number }>(database.db, sql`select column_default as d, count(*)::int as n from information_schema.columns
      where table_schema = 'public' and data_type = 'uuid' and column_default is not null group by 1 order by 1`);
    expect(defaults).toEqual([{ d: 'zvh_uuid_v7()', n: expect.any(Number) }]);
    expect(defaults[0]!.n).toBeGreaterThanOrEqual(30);
  });

  it('tells the embedded database from PostgreSQL', () => {
    expect(isEmbedded(database.db)).toBe(database.kind === 'pglite');
  });
});

describe('the annual report\'s age group (migration 0030)', () => {
  it('zvh_age_group equals the sub-query of migration 0016 for every birth date against every day around two year ends', async () => {
    const r = await one<{ pairs: number; diff: number }>(database.db, sql`
      with old(b, o, g) as (
        select b::date, o::date, case when b is null then null else (
          with a(age) as (select (extract(year from o)::int - extract(year from b)::int)
            - case when b::date + make_interval(years => extract(year from o)::int - extract(year from b)::int) > o::date then 1 else 0 end)
          select case when age < 18 then '<18' when age <= 23 then '18-23' when age <= 40 then '24-40' when age <= 65 then '41-65' else '>65' end from a) end
        from generate_series(date '1946-12-20', date '2012-01-10', interval '17 days') b, generate_series(date '2015-12-25', date '2017-01-05', interval '1 day') o)
      select count(*)::int as pairs, count(*) filter (where g is distinct from zvh_age_group(b, o))::int as diff from old`);
    expect(r!.pairs).toBeGreaterThan(500_000);
    expect(r!.diff).toBe(0);
  });

  it('groups on the exact birthdays, 29 February included, and knows no age without a birth date', async () => {
    const r = await rows<{ g: string | null }>(database.db, sql`select zvh_age_group(b::date, o::date) as g from (values
      (1, '1998-06-15', '2016-06-14'), (2, '1998-06-15', '2016-06-15'), (3, '1992-12-31', '2016-12-30'), (4, '1992-12-31', '2016-12-31'),
      (5, '1975-01-01', '2016-01-01'), (6, '1950-12-31', '2016-12-30'), (7, '1950-12-31', '2016-12-31'),
      (8, '2000-02-29', '2018-02-28'), (9, '2000-02-29', '2017-02-28'), (10, null, '2016-01-01')) v(i, b, o) order by i`);
    expect(r.map((x) => x.g)).toEqual(['<18', '18-23', '18-23', '24-40', '41-65', '41-65', '>65', '18-23', '<18', null]);
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
