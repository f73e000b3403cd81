// SPDX-License-Identifier: EUPL-1.2
// Tamper evidence for the processing log (docs/privacy.md "Verwerkingenlog"). The log itself stays
// insert-only and cheap to write: logProcessing does one plain insert. The sealer (a frequent job,
// and before every verification, export and archive) chains the records of each tenant and month
// in the order it finds them into the insert-only side table processing_log_seal:
//   hash(n) = SHA-256(hash(n-1) + "\n" + canonical record n), hash(0) = SHA-256(genesis of tenant+month)
// and signs the chain head with Ed25519 (processing_log_checkpoints): after each run that sealed
// something, and a final one once the month is over. Verification recomputes every hash, checks
// the sequence has no gaps, every sealed record still exists unchanged, no record of a month is
// outside the chain and every checkpoint's signature and head. A month archived to a file
// (archiveMonth) carries its records, hashes and checkpoints, and verifies the same way.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db, Executor } from './db/index.js';
import { systemCtx } from './context.js';
import { one, rows, sql, transaction } from './db/index.js';

// ---------------------------------------------------------------------------------------------
// Keys

export interface LogSigningKey {
  privateKey: KeyObject | null;
  publicKey: KeyObject;
  /** SHA-256 of the public key (SPKI DER), hex, first 16 characters. */
  keyId: string;
  publicKeyPem: string;
}

function fromPrivate(privateKey: KeyObject): LogSigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('LOG_SIGNING_KEY must be an Ed25519 private key');
  return fromPublic(createPublicKey(privateKey), privateKey);
}

export function fromPublic(publicKey: KeyObject, privateKey: KeyObject | null = null): LogSigningKey {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey, publicKey,
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
    publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** Parses LOG_SIGNING_KEY: a PKCS#8 PEM, or its DER in base64 (one line, handy in an env file). */
export function parseSigningKey(raw: string): LogSigningKey {
  const text = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : raw;
  const key = text.includes('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  return fromPrivate(key);
}

export const DEV_KEY_FILE = 'log-signing-key.pem';
let ephemeral: LogSigningKey | undefined;

/**
 * The key that signs checkpoints: LOG_SIGNING_KEY when set; in tests an in-memory key; otherwise a
 * key generated once into DATA_DIR (log-signing-key.pem, mode 0600), so a demo or development
 * installation works without set-up. Production should set LOG_SIGNING_KEY (docs/privacy.md).
 */
export function loadSigningKey(config: { logSigningKey?: string | undefined; dataDir: string; nodeEnv: string }): LogSigningKey {
  if (config.logSigningKey) return parseSigningKey(config.logSigningKey);
  if (config.nodeEnv === 'test') {
    ephemeral ??= fromPrivate(generateKeyPairSync('ed25519').privateKey);
    return ephemeral;
  }
  const file = join(config.dataDir, DEV_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another instance wrote it first
    }
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Canonical records and hashes

/** A log record as the chain sees it: every column as text, exactly as PostgreSQL prints it. */
export interface CanonicalRecord {
  id: string; at: string; traceId: string; tenantId: string; activity: string; purpose: string; action: string;
  actorUserId: string | null; actorEmail: string; actorOrganisation: string; responsiblePartner: string | null;
  dataSubjectRef: string | null; caseId: string | null; registrationId: string | null; outcome: string; details: string | null;
}

/** The select list producing a CanonicalRecord from processing_log l (timestamps in UTC, microseconds). */
export const CANONICAL_COLUMNS = sql`l.id::text as id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
  l.trace_id as "traceId", l.tenant_id::text as "tenantId", l.activity, l.purpose, l.action, l.actor_user_id::text as "actorUserId",
  l.actor_email as "actorEmail", l.actor_organisation as "actorOrganisation", l.responsible_partner as "responsiblePartner",
  l.data_subject_ref::text as "dataSubjectRef", l.case_id::text as "caseId", l.registration_id::text as "registrationId",
  l.outcome, l.details::text as details`;

export function canonical(r: CanonicalRecord): string {
  return JSON.stringify([r.id, r.at, r.traceId, r.tenantId, r.activity, r.purpose, r.action, r.actorUserId, r.actorEmail,
    r.actorOrganisation, r.responsiblePartner, r.dataSubjectRef, r.caseId, r.registrationId, r.outcome, r.details]);
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The hash before the first record of a tenant's month. */
export function genesis(tenantId: string, month: string): string {
  return sha256(`zvh-verwerkingenlog\n${tenantId}\n${month}`);
}

export function chainHash(prev: string, r: CanonicalRecord): string {
  return sha256(`${prev}\n${canonical(r)}`);
}

export interface Checkpoint {
  tenantId: string; month: string; seq: number; lastHash: string; final: boolean; keyId: string; signature: string; signedAt?: string;
}

function checkpointMessage(c: Pick<Checkpoint, 'tenantId' | 'month' | 'seq' | 'lastHash' | 'final'>): Buffer {
  return Buffer.from(`zvh-verwerkingenlog-checkpoint\n${c.tenantId}\n${c.month}\n${c.seq}\n${c.lastHash}\n${c.final ? 'final' : 'open'}`, 'utf8');
}

export function signCheckpoint(key: LogSigningKey, c: Pick<Checkpoint, 'tenantId' | 'month' | 'seq' | 'lastHash' | 'final'>): Checkpoint {
  if (!key.privateKey) throw new Error('No private key to sign with');
  return { ...c, keyId: key.keyId, signature: sign(null, checkpointMessage(c), key.privateKey).toString('base64') };
}

export function checkpointValid(key: LogSigningKey, c: Checkpoint): boolean {
  if (c.keyId !== key.keyId) return false;
  try {
    return verify(null, checkpointMessage(c), key.publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Months (UTC) and partitions

/** 'YYYY-MM-01' of a date or of an ISO timestamp, in UTC. */
export function monthOf(at: Date | string): string {
  const iso = typeof at === 'string' ? at : at.toISOString();
  return `${iso.slice(0, 7)}-01`;
}
export function nextMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
const bounds = (month: string) => ({ lo: `${month} 00:00:00+00`, hi: `${nextMonth(month)} 00:00:00+00` });

/** How long after its end a month may still receive records (a transaction started before midnight). */
export const SEAL_GRACE_MS = 3600e3;

/** Creates this month's partitions and those of the next `ahead` months (idempotent; any instance may call it). */
export async function ensureLogPartitions(ctx: { db: Db }, now: Date = new Date(), ahead = 2): Promise<string[]> {
  const months: string[] = [];
  let m = monthOf(now);
  for (let i = 0; i <= ahead; i++, m = nextMonth(m)) {
    await ctx.db.execute(sql`select processing_log_ensure_partition(${m}::date)`);
    months.push(m);
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Sealing

const BATCH = 2000;

export interface SealResult { sealed: number; checkpoints: number }

/**
 * Chains the tenant's records that are not yet sealed, signs the new chain heads and closes the
 * months that are over. Several instances may run it at once: one seals per tenant at a time.
 * Records are found by id above the highest sealed one, or written in the last grace period
 * (a transaction that committed late); a record outside both is reported by verification.
 */
export async function sealLog(ctx: { db: Db; actor: { tenantId: string } }, key: LogSigningKey, now: Date = new Date()): Promise<SealResult> {
  const tenantId = ctx.actor.tenantId;
  const result: SealResult = { sealed: 0, checkpoints: 0 };
  for (;;) {
    const n = await transaction(ctx.db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7420018, hashtext(${tenantId}::text))`);
      const wm = await one<{ wm: string }>(tx, sql`select coalesce(max(log_id), 0)::text as wm from processing_log_seal where tenant_id = ${tenantId}`);
      const since = new Date(now.getTime() - SEAL_GRACE_MS).toISOString();
      // every record above the watermark is unsealed (no anti-join needed); below it only a late
      // commit of the grace period can be. One OR with an anti-join made PostgreSQL walk every
      // seal of the table per batch (issue 12: ~1 s a batch at 10M records, growing with the log)
      const todo = await rows<CanonicalRecord>(tx, sql`
        select x.* from (
          (select ${CANONICAL_COLUMNS}, l.id as n from processing_log l
            where l.tenant_id = ${tenantId} and l.id > ${wm!.wm}::bigint
            order by l.id limit ${BATCH})
          union all
          (select ${CANONICAL_COLUMNS}, l.id as n from processing_log l
            where l.tenant_id = ${tenantId} and l.at > ${since}::timestamptz and l.id <= ${wm!.wm}::bigint
              and not exists (select 1 from processing_log_seal s where s.log_id = l.id and s.at = l.at))
        ) x order by x.n limit ${BATCH}`);
      if (todo.length === 0) return 0;
      const byMonth = new Map<string, CanonicalRecord[]>();
      for (const r of todo) {
        const m = monthOf(r.at);
        byMonth.set(m, [...(byMonth.get(m) ?? []), r]);
      }
      for (const [month, recs] of byMonth) {
        const { lo, hi } = bounds(month);
        const head = await one<{ seq: number; hash: string }>(tx, sql`
          select seq, hash from processing_log_seal where tenant_id = ${tenantId} and at >= ${lo}::timestamptz and at < ${hi}::timestamptz
           order by seq desc limit 1`);
        let seq = head?.seq ?? 0;
        let prev = head?.hash ?? genesis(tenantId, month);
        const values = recs.map((r) => {
          seq += 1;
          prev = chainHash(prev, r);
          return sql`(${r.id}::bigint, ${r.at}::timestamptz, ${tenantId}::uuid, ${seq}, ${prev})`;
        });
        await tx.execute(sql`insert into processing_log_seal (log_id, at, tenant_id, seq, hash) values ${sql.join(values, sql`, `)}`);
        await insertCheckpoint(tx, signCheckpoint(key, { tenantId, month, seq, lastHash: prev, final: false }));
        result.checkpoints += 1;
      }
      return todo.length;
    });
    result.sealed += n;
    if (n < BATCH) break;
  }
  result.checkpoints += await closeMonths(ctx.db, tenantId, key, now);
  return result;
}

async function insertCheckpoint(ex: Executor, c: Checkpoint): Promise<void> {
  await ex.execute(sql`insert into processing_log_checkpoints (tenant_id, month, seq, last_hash, final, key_id, signature)
    values (${c.tenantId}, ${c.month}::date, ${c.seq}, ${c.lastHash}, ${c.final}, ${c.keyId}, ${c.signature})`);
}

/** A final checkpoint for every month of the tenant that is over (plus the grace period) and has none. */
async function closeMonths(db: Db, tenantId: string, key: LogSigningKey, now: Date): Promise<number> {
  const lastOpen = monthOf(new Date(now.getTime() - SEAL_GRACE_MS));
  const open = await rows<{ month: string }>(db, sql`
    select to_char(month, 'YYYY-MM-DD') as month from processing_log_checkpoints
     where tenant_id = ${tenantId} and month < ${lastOpen}::date
     group by month having not bool_or(final) order by month`);
  let n = 0;
  for (const { month } of open) {
    await transaction(db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7420018, hashtext(${tenantId}::text))`);
      const done = await one<{ n: number }>(tx, sql`select count(*)::int as n from processing_log_checkpoints where tenant_id = ${tenantId} and month = ${month}::date and final`);
      if (done!.n > 0) return;
      const { lo, hi } = bounds(month);
      const head = await one<{ seq: number; hash: string }>(tx, sql`
        select seq, hash from processing_log_seal where tenant_id = ${tenantId} and at >= ${lo}::timestamptz and at < ${hi}::timestamptz
         order by seq desc limit 1`);
      if (!head) return; // archived already: its file carries the final checkpoint
      await insertCheckpoint(tx, signCheckpoint(key, { tenantId, month, seq: head.seq, lastHash: head.hash, final: true }));
      n += 1;
    });
  }
  return n;
}

/** Seals every tenant, each with its systemCtx (the verify and archive commands, the timer in main.ts). */
export async function sealAllTenants(db: Db, key: LogSigningKey, now: Date = new Date()): Promise<SealResult> {
  const tenants = await rows<{ code: string }>(db, sql`select code from tenants order by code`);
  const total: SealResult = { sealed: 0, checkpoints: 0 };
  for (const t of tenants) {
    const ctx = await systemCtx(db, t.code, { tool: 'Verzegelaar verwerkingenlog', operator: 'systeem' });
    if (!ctx) continue;
    const r = await sealLog(ctx, key, now);
    total.sealed += r.sealed;
    total.checkpoints += r.checkpoints;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Verification

export interface Break { tenantId: string; month: string; seq?: number; logId?: string; problem: string }

export interface VerifyResult { ok: boolean; months: number; records: number; firstBreak?: Break }

/** Walks one tenant's month: the sealed records (by seq, against their records) and the checkpoints. */
export class ChainWalker {
  seq = 0;
  prev: string;
  hashAt = new Map<number, string>();
  constructor(readonly tenantId: string, readonly month: string) {
    this.prev = genesis(tenantId, month);
  }
  /** Feeds the next seal with its record (null: the record is gone); returns a problem or undefined. */
  next(seal: { seq: number; hash: string; logId: string }, record: CanonicalRecord | null): string | undefined {
    if (seal.seq !== this.seq + 1) return `keten onderbroken: volgnummer ${this.seq + 1} ontbreekt (verwijderd verzegelingsrecord)`;
    if (!record) return `verwerking ${seal.logId} (volgnummer ${seal.seq}) ontbreekt: verwijderd`;
    if (monthOf(record.at) !== this.month) return `verwerking ${seal.logId} hoort niet in deze maand`;
    const h = chainHash(this.prev, record);
    if (h !== seal.hash) {
      return `verwerking ${seal.logId} (volgnummer ${seal.seq}) is gewijzigd: de hash klopt niet`;
    }
    this.seq = seal.seq;
    this.prev = h;
    this.hashAt.set(seal.seq, h);
    return undefined;
  }
  /** Checks the month's checkpoints against the walked chain. */
  checkpoints(key: LogSigningKey, list: Checkpoint[], requireFinal: boolean): string | undefined {
    let final = false;
    for (const c of list) {
      if (c.tenantId !== this.tenantId || c.month !== this.month) return 'controlepunt van een andere maand of organisatie';
      if (!checkpointValid(key, c)) return `controlepunt bij volgnummer ${c.seq} heeft geen geldige handtekening`;
      if (c.seq > this.seq) return `controlepunt bij volgnummer ${c.seq}, maar de keten eindigt bij ${this.seq}: verwerkingen aan het eind verwijderd`;
      const h = this.hashAt.get(c.seq);
      if (h !== c.lastHash) return `controlepunt bij volgnummer ${c.seq} past niet bij de keten`;
      if (c.final) {
        final = true;
        if (c.seq !== this.seq) return `na het slotcontrolepunt (volgnummer ${c.seq}) staan nog ${this.seq - c.seq} verwerkingen`;
      }
    }
    if (requireFinal && !final && this.seq > 0) return 'de maand heeft geen slotcontrolepunt';
    return undefined;
  }
}

const WALK_BATCH = 5000;

/** Verifies one tenant's month in the database (seal first: see sealLog). */
export async function verifyMonth(db: Db, key: LogSigningKey, tenantId: string, month: string): Promise<{ records: number; problem?: Break }> {
  const { lo, hi } = bounds(month);
  const walker = new ChainWalker(tenantId, month);
  const fail = (problem: string, extra: Partial<Break> = {}) => ({ records: walker.seq, problem: { tenantId, month, problem, ...extra } });
  for (;;) {
    const batch = await rows<CanonicalRecord & { sSeq: number; sHash: string; sLogId: string; missing: boolean }>(db, sql`
      select s.seq as "sSeq", s.hash as "sHash", s.log_id::text as "sLogId", l.id is null as missing, ${CANONICAL_COLUMNS}
        from processing_log_seal s left join processing_log l on l.id = s.log_id and l.at = s.at
       where s.tenant_id = ${tenantId} and s.at >= ${lo}::timestamptz and s.at < ${hi}::timestamptz and s.seq > ${walker.seq}
       order by s.seq limit ${WALK_BATCH}`);
    for (const r of batch) {
      const problem = walker.next({ seq: r.sSeq, hash: r.sHash, logId: r.sLogId }, r.missing ? null : r);
      if (problem) return fail(problem, { seq: r.sSeq, logId: r.sLogId });
    }
    if (batch.length < WALK_BATCH) break;
  }
  const outside = await one<{ id: string }>(db, sql`
    select l.id::text as id from processing_log l
     where l.tenant_id = ${tenantId} and l.at >= ${lo}::timestamptz and l.at < ${hi}::timestamptz
       and not exists (select 1 from processing_log_seal s where s.log_id = l.id and s.at = l.at)
     order by l.id limit 1`);
  if (outside) return fail(`verwerking ${outside.id} staat buiten de keten: later ingevoegd`, { logId: outside.id });
  const cps = await loadCheckpoints(db, tenantId, month);
  const problem = walker.checkpoints(key, cps, false);
  if (problem) return fail(problem);
  return { records: walker.seq };
}

export async function loadCheckpoints(db: Db, tenantId: string, month: string): Promise<Checkpoint[]> {
  return rows<Checkpoint>(db, sql`
    select tenant_id::text as "tenantId", to_char(month, 'YYYY-MM-DD') as month, seq, last_hash as "lastHash", final,
           key_id as "keyId", signature
      from processing_log_checkpoints where tenant_id = ${tenantId} and month = ${month}::date order by seq, id`);
}

/** The months in the database: from the partitions, the default partition and the checkpoints; archived ones apart. */
export async function logMonths(db: Db): Promise<{ live: string[]; archived: { month: string; file: string }[] }> {
  const parts = await rows<{ name: string }>(db, sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'processing_log'::regclass`);
  const months = new Set<string>();
  for (const p of parts) {
    const m = /_(\d{4})(\d{2})$/.exec(p.name);
    if (m) months.add(`${m[1]}-${m[2]}-01`);
  }
  // rows of a month without its own partition (through the parent: the app role cannot read the partition)
  for (const r of await rows<{ month: string }>(db, sql`
    select distinct to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM-DD') as month from processing_log
     where tableoid = to_regclass('processing_log_default')`)) months.add(r.month);
  for (const r of await rows<{ month: string }>(db, sql`select distinct to_char(month, 'YYYY-MM-DD') as month from processing_log_checkpoints`)) months.add(r.month);
  const archived = await rows<{ month: string; file: string }>(db, sql`select to_char(month, 'YYYY-MM-DD') as month, file from processing_log_archives order by month`);
  const gone = new Set(archived.map((a) => a.month));
  return { live: [...months].filter((m) => !gone.has(m)).sort(), archived };
}

/** Verifies every live month of every tenant; stops at the first break. */
export async function verifyDatabase(db: Db, key: LogSigningKey): Promise<VerifyResult> {
  const tenants = await rows<{ id: string }>(db, sql`select id::text as id from tenants order by code`);
  const { live } = await logMonths(db);
  let records = 0;
  for (const month of live) {
    for (const t of tenants) {
      const r = await verifyMonth(db, key, t.id, month);
      records += r.records;
      if (r.problem) return { ok: false, months: live.length, records, firstBreak: r.problem };
    }
  }
  return { ok: true, months: live.length, records };
}

// ---------------------------------------------------------------------------------------------
// Archive files: one JSON object per line
//   {"type":"header","format":"zvh-verwerkingenlog-archief/1","month","keyId","publicKey","createdAt"}
//   {"type":"record","seq","hash","record":{CanonicalRecord}}   per tenant in seq order
//   {"type":"checkpoint", ...Checkpoint}                         after the tenant's records

export const ARCHIVE_FORMAT = 'zvh-verwerkingenlog-archief/1';

/** Verifies an archive file's lines (the whole month of every tenant in it). */
export async function verifyArchiveLines(lines: AsyncIterable<string> | Iterable<string>, key: LogSigningKey): Promise<VerifyResult & { month?: string; tenants: Map<string, Checkpoint | undefined> }> {
  let month: string | undefined;
  let walker: ChainWalker | undefined;
  let cps: Checkpoint[] = [];
  let records = 0;
  const tenantsDone = new Set<string>();
  /** Each tenant's final checkpoint in the file, to compare with the database's. */
  const tenants = new Map<string, Checkpoint | undefined>();
  const finish = (): Break | undefined => {
    if (!walker) return undefined;
    const problem = walker.checkpoints(key, cps, true);
    if (problem) return { tenantId: walker.tenantId, month: walker.month, problem };
    if (walker.seq > 0 && cps.length === 0) return { tenantId: walker.tenantId, month: walker.month, problem: 'geen controlepunten' };
    tenantsDone.add(walker.tenantId);
    tenants.set(walker.tenantId, cps.find((c) => c.final));
    return undefined;
  };
  const broken = (b: Break) => ({ ok: false, months: 1, records, firstBreak: b, month, tenants });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (!line.trim()) continue;
    let o: Record<string, unknown>;
    try { o = JSON.parse(line) as Record<string, unknown>; } catch { return broken({ tenantId: '', month: month ?? '', problem: `regel ${n} is geen JSON` }); }
    if (n === 1) {
      if (o.type !== 'header' || o.format !== ARCHIVE_FORMAT) return broken({ tenantId: '', month: '', problem: 'geen archiefbestand van het verwerkingenlog' });
      month = `${String(o.month)}-01`;
      continue;
    }
    if (o.type === 'record') {
      const rec = o.record as CanonicalRecord;
      if (!walker || walker.tenantId !== rec.tenantId) {
        const b = finish();
        if (b) return broken(b);
        if (tenantsDone.has(rec.tenantId)) return broken({ tenantId: rec.tenantId, month: month!, problem: 'organisatie komt twee keer voor' });
        walker = new ChainWalker(rec.tenantId, month!);
        cps = [];
      }
      const problem = walker.next({ seq: Number(o.seq), hash: String(o.hash), logId: rec.id }, rec);
      if (problem) return broken({ tenantId: rec.tenantId, month: month!, seq: Number(o.seq), logId: rec.id, problem });
      records += 1;
    } else if (o.type === 'checkpoint') {
      const c = o as unknown as Checkpoint;
      if (!walker || walker.tenantId !== c.tenantId) return broken({ tenantId: c.tenantId, month: month!, problem: 'controlepunt zonder verwerkingen' });
      cps.push(c);
    } else {
      return broken({ tenantId: walker?.tenantId ?? '', month: month ?? '', problem: `regel ${n}: onbekend soort regel` });
    }
  }
  if (!month) return broken({ tenantId: '', month: '', problem: 'leeg bestand' });
  const b = finish();
  if (b) return broken(b);
  return { ok: true, months: 1, records, month, tenants };
}
