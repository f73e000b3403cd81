// SPDX-License-Identifier: EUPL-1.2
// copyRows (the import's staging path): COPY FROM STDIN on PostgreSQL, json_populate_recordset on
// PGlite; either way every value arrives as it was, as the application role, into a TEMP table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { CopyValue, Database } from './index.js';
import { copyRows, copyText, rows, sql, transaction } from './index.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => { ({ database, drop } = await openTestDatabase()); });
afterAll(async () => { await drop?.(); });

const COLUMNS = ['n', 't', 'd', 'b', 'a', 'u'];
const ODD = 'tab\there, line\nbreak, cr\rhere, back\\slash, \\N, "quoted", \'single\', {brace,comma}, é ü 🙂';

describe('copyText', () => {
  it('writes COPY text: tab-separated, \\N for null, escapes, booleans, quoted array elements', () => {
    expect(copyText([[1, 'a\tb\\c\nd\re', null, true, false, ['x', 'y"z', 'a,b', 'back\\slash']]]))
      .toBe('1\ta\\tb\\\\c\\nd\\re\t\\N\tt\tf\t{"x","y\\\\"z","a,b","back\\\\\\\\slash"}\n');
    expect(copyText([['\\N'], [undefined]])).toBe('\\\\N\n\\N\n');
    expect(copyText([])).toBe('');
  });
});

describe('copyRows', () => {
  const roundTrip = (data: CopyValue[][]) => transaction(database.db, async (tx) => {
    await tx.execute(sql`create temp table copy_rows_test (n integer, t text, d date, b boolean, a text[], u uuid) on commit drop`);
    await copyRows(tx, 'copy_rows_test', COLUMNS, data);
    return rows<Record<string, unknown>>(tx, sql`select n, t, d::text as d, b, a, u::text as u, current_user as who from copy_rows_test order by n`);
  });

  it('loads every value as it was, as the application role', async () => {
    const data: CopyValue[][] = [
      [1, ODD, '2024-02-29', true, ['psychisch', 'a,b', 'y"z', 'back\\slash', 'NULL', ''], '7b0c5f0e-7d7a-4d8e-9a51-9d6f3f3e2b10'],
      [2, '', null, false, [], null],
      [3, null, '1900-01-01', null, null, null],
      [4, '\\N', '9999-12-31', false, ['\\N'], null],
    ];
    const got = await roundTrip(data);
    expect(got.map((r) => r.who)).toEqual(['zvh_app', 'zvh_app', 'zvh_app', 'zvh_app']);
    expect(got.map(({ who: _who, ...r }) => r)).toEqual(data.map(([n, t, d, b, a, u]) => ({ n, t, d, b, a, u })));
  });

  it('loads nothing for no rows, and many rows in one go', async () => {
    expect(await roundTrip([])).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i): CopyValue[] => [i, `regel ${i}\t${'x'.repeat(i % 50)}`, '2020-01-01', i % 2 === 0, [`c${i}`], null]);
    const got = await roundTrip(many);
    expect(got).toHaveLength(5000);
    expect(got[4999]).toMatchObject({ n: 4999, t: `regel 4999\t${'x'.repeat(4999 % 50)}`, b: false, a: ['c4999'] });
  });

  it('a value the column refuses fails the statement (and with it the transaction)', async () => {
    await expect(roundTrip([[1, 'x', '2024-02-30', true, [], null]])).rejects.toThrow();
  });

  it('refuses a table or column name that is not a plain identifier, and a row of the wrong width', async () => {
    await expect(transaction(database.db, (tx) => copyRows(tx, 'x; drop table persons', ['a'], [[1]]))).rejects.toThrow(/plain identifiers/);
    await expect(transaction(database.db, (tx) => copyRows(tx, 'x', ['a b'], []))).rejects.toThrow(/plain identifiers/);
    await expect(transaction(database.db, (tx) => copyRows(tx, 'x', ['a', 'b'], [[1]]))).rejects.toThrow(/one value per column/);
  });
});
