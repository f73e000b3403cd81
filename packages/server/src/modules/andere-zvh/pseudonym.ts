// SPDX-License-Identifier: EUPL-1.2
// The keyed pseudonym of a BSN on which the tenants of one installation match a person: HMAC-SHA-256
// with the installation's secret (PSEUDONYM_SECRET), prefixed with a short id of that secret so a
// pseudonym made with an earlier secret is recognised and made again. The database never sees the
// secret, so a migration cannot fill the column: syncPseudonyms does, at start-up and daily (the job registry in core/jobs.ts) and
// before every check, for each person whose pseudonym is missing or of another secret; migration
// 0014 clears the pseudonym whenever the BSN changes.
import { createHmac } from 'node:crypto';
import type { Db } from '../../core/db/index.js';
import { rows, sql } from '../../core/db/index.js';

/** A short, non-reversible id of the secret (first 8 hex digits of an HMAC of a fixed text). */
export function pseudonymKeyId(secret: string): string {
  return createHmac('sha256', secret).update('zvh-bsn-pseudonym-key-id').digest('hex').slice(0, 8);
}

/** `keyId:hmac` of a BSN: equal for the same BSN in every tenant of the installation, meaningless without the secret. */
export function bsnPseudonym(secret: string, bsn: string): string {
  return `${pseudonymKeyId(secret)}:${createHmac('sha256', secret).update(`bsn:${bsn.trim()}`).digest('hex')}`;
}

const BATCH = 500;

/** Computes the pseudonym of every person (of every tenant) that has a BSN but no pseudonym of this secret; returns how many. */
export async function syncPseudonyms(db: Db, secret: string): Promise<number> {
  const prefix = `${pseudonymKeyId(secret)}:`;
  let done = 0;
  for (;;) {
    // "no pseudonym of this secret" as ranges of the index persons_pseudonym_todo_idx (migration
    // 0028): none, or one sorting (byte order) before or after every `prefix...` (':' + 1 = ';'). Not equal to
    // the prefix was a scan of every person of the installation per batch and tenant (issue 12:
    // ~1 s each at 1M persons, 25 of them at every start)
    const after = `${prefix.slice(0, -1)};`;
    const todo = await rows<{ id: string; bsn: string }>(db, sql`select id, bsn from persons
      where bsn is not null and (bsn_pseudonym is null or bsn_pseudonym collate "C" < ${prefix} or bsn_pseudonym collate "C" >= ${after}) limit ${BATCH}`);
    if (todo.length === 0) return done;
    const arr = (xs: string[]) => `{${xs.join(',')}}`;
    // the BSN is part of the join: a BSN changed in the meantime keeps its (cleared) pseudonym for the next round
    await db.execute(sql`update persons p set bsn_pseudonym = v.ps
      from (select unnest(${arr(todo.map((t) => t.id))}::uuid[]) as id, unnest(${arr(todo.map((t) => t.bsn))}::text[]) as bsn,
                   unnest(${arr(todo.map((t) => bsnPseudonym(secret, t.bsn)))}::text[]) as ps) v
      where p.id = v.id and p.bsn = v.bsn`);
    done += todo.length;
    if (todo.length < BATCH) return done;
  }
}
