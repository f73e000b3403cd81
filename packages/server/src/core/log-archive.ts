// SPDX-License-Identifier: EUPL-1.2
// Archiving a closed month of the processing log (npm run archive-log -- YYYY-MM file): seal,
// verify, write the month's records with their hashes and signed checkpoints to a file (one JSON
// object per line, core/log-chain.ts), read the file back and verify it, then detach and drop the
// month's partitions. The checkpoints stay in the database, so a changed or swapped file is found.
// Runs as the database owner (the application role may not drop anything).
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from './db/index.js';
import { one, rows, sql, transaction } from './db/index.js';
import type { Break, CanonicalRecord, Checkpoint, LogSigningKey, VerifyResult } from './log-chain.js';
import {
  ARCHIVE_FORMAT, CANONICAL_COLUMNS, SEAL_GRACE_MS, loadCheckpoints, monthOf, nextMonth, sealAllTenants, verifyArchiveLines, verifyDatabase, verifyMonth,
} from './log-chain.js';

export class ArchiveError extends Error {}

/** 'YYYY-MM' → 'YYYY-MM-01'; anything else is refused. */
export function parseMonth(raw: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) throw new ArchiveError(`Maand moet de vorm JJJJ-MM hebben, niet "${raw}"`);
  return `${raw}-01`;
}

const partName = (table: string, month: string) => `${table}_${month.slice(0, 4)}${month.slice(5, 7)}`;

export async function archiveMonth(db: Db, key: LogSigningKey, rawMonth: string, file: string, operator: string, now: Date = new Date()): Promise<{ records: number; sha256: string }> {
  const month = parseMonth(rawMonth);
  if (month >= monthOf(new Date(now.getTime() - SEAL_GRACE_MS))) throw new ArchiveError(`${rawMonth} is nog niet afgesloten; alleen een voorbije maand kan naar het archief`);
  if (await one(db, sql`select 1 from processing_log_archives where month = ${month}::date`)) throw new ArchiveError(`${rawMonth} staat al in het archief`);
  // rows that landed in the default partition move into the month's own partition first
  await db.execute(sql`select processing_log_ensure_partition(${month}::date)`);
  await sealAllTenants(db, key, now);
  const tenants = await rows<{ id: string }>(db, sql`select id::text as id from tenants order by code`);
  for (const t of tenants) {
    const r = await verifyMonth(db, key, t.id, month);
    if (r.problem) throw new ArchiveError(`De keten van ${rawMonth} is niet intact; niets gearchiveerd: ${describeBreak(r.problem)}`);
  }

  const hash = createHash('sha256');
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    throw new ArchiveError(`Kan ${file} niet aanmaken (bestaat het al?): ${(e as Error).message}`);
  }
  let records = 0;
  const write = (o: unknown) => {
    const line = `${JSON.stringify(o)}\n`;
    hash.update(line);
    writeSync(fd, line);
  };
  const lo = `${month} 00:00:00+00`;
  const hi = `${nextMonth(month)} 00:00:00+00`;
  try {
    write({ type: 'header', format: ARCHIVE_FORMAT, month: rawMonth, keyId: key.keyId, publicKey: key.publicKeyPem, createdAt: now.toISOString() });
    for (const t of tenants) {
      let last = 0;
      for (;;) {
        const batch = await rows<CanonicalRecord & { sSeq: number; sHash: string }>(db, sql`
          select s.seq as "sSeq", s.hash as "sHash", ${CANONICAL_COLUMNS}
            from processing_log_seal s join processing_log l on l.id = s.log_id and l.at = s.at
           where s.tenant_id = ${t.id} and s.at >= ${lo}::timestamptz and s.at < ${hi}::timestamptz and s.seq > ${last}
           order by s.seq limit 5000`);
        for (const { sSeq, sHash, ...record } of batch) write({ type: 'record', seq: sSeq, hash: sHash, record });
        records += batch.length;
        if (batch.length < 5000) break;
        last = batch[batch.length - 1]!.sSeq;
      }
      for (const c of await loadCheckpoints(db, t.id, month)) write({ type: 'checkpoint', ...c });
    }
  } finally {
    closeSync(fd);
  }
  const sha256 = hash.digest('hex');
  const check = await verifyArchiveFile(db, key, file, { beforeArchiving: month });
  if (!check.ok) {
    unlinkSync(file);
    throw new ArchiveError(`Het geschreven archief klopt niet; niets verwijderd: ${describeBreak(check.firstBreak!)}`);
  }
  await transaction(db, async (tx) => {
    await tx.execute(sql`insert into processing_log_archives (month, file, records, sha256, archived_by) values (${month}::date, ${file}, ${records}, ${sha256}, ${operator})`);
    for (const table of ['processing_log', 'processing_log_seal']) {
      const part = partName(table, month);
      await tx.execute(sql.raw(`ALTER TABLE "${table}" DETACH PARTITION "${part}"`));
      await tx.execute(sql.raw(`DROP TABLE "${part}"`));
    }
  });
  return { records, sha256 };
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Verifies an archive file: its chain and signatures, and (with a database) that it is the file
 * archived for its month (SHA-256) and that every tenant's final checkpoint equals the database's.
 */
export async function verifyArchiveFile(db: Db | null, key: LogSigningKey, file: string, opts: { beforeArchiving?: string } = {}): Promise<VerifyResult & { month?: string }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const res = await verifyArchiveLines(lines, key);
  if (!res.ok || !db || !res.month) return res;
  const month = res.month;
  const fail = (problem: string, tenantId = ''): VerifyResult & { month?: string } => ({ ...res, ok: false, firstBreak: { tenantId, month, problem } });
  if (!opts.beforeArchiving) {
    const archived = await one<{ sha256: string }>(db, sql`select sha256 from processing_log_archives where month = ${month}::date`);
    if (archived && archived.sha256 !== await fileSha256(file)) return fail('het bestand is niet het bestand dat voor deze maand is gearchiveerd (SHA-256 verschilt)');
  }
  const finals = await rows<Checkpoint>(db, sql`
    select tenant_id::text as "tenantId", to_char(month, 'YYYY-MM-DD') as month, seq, last_hash as "lastHash", final, key_id as "keyId", signature
      from processing_log_checkpoints where month = ${month}::date and final`);
  for (const f of finals) {
    const inFile = res.tenants.get(f.tenantId);
    if (!inFile) return fail('een organisatie met verwerkingen in deze maand ontbreekt in het bestand', f.tenantId);
    if (inFile.seq !== f.seq || inFile.lastHash !== f.lastHash) return fail('het slotcontrolepunt in het bestand verschilt van dat in de database', f.tenantId);
  }
  return res;
}

export function describeBreak(b: Break): string {
  return `${b.month.slice(0, 7)}${b.tenantId ? `, organisatie ${b.tenantId}` : ''}: ${b.problem}`;
}

/** Everything verify-log checks: seal, every live month, and every archive file given or recorded. */
export async function verifyAll(db: Db, key: LogSigningKey, files: string[], now: Date = new Date()): Promise<{ ok: boolean; lines: string[]; firstBreak?: Break }> {
  await sealAllTenants(db, key, now);
  const lines: string[] = [];
  const res = await verifyDatabase(db, key);
  if (!res.ok) return { ok: false, lines, firstBreak: res.firstBreak };
  lines.push(`Database: ${res.months} maand(en), ${res.records} verwerkingen, keten intact`);
  const recorded = await rows<{ file: string }>(db, sql`select file from processing_log_archives order by month`);
  const all = [...new Set([...files, ...recorded.map((r) => r.file)])];
  for (const f of all) {
    let r: VerifyResult & { month?: string };
    try {
      r = await verifyArchiveFile(db, key, f);
    } catch (e) {
      return { ok: false, lines, firstBreak: { tenantId: '', month: '', problem: `archief ${f} niet te lezen: ${(e as Error).message}` } };
    }
    if (!r.ok) return { ok: false, lines, firstBreak: { ...r.firstBreak!, problem: `archief ${f}: ${r.firstBreak!.problem}` } };
    lines.push(`Archief ${f}: ${r.month?.slice(0, 7)}, ${r.records} verwerkingen, keten intact`);
  }
  return { ok: true, lines };
}
