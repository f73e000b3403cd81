// SPDX-License-Identifier: EUPL-1.2
// Benchmark data, generated set-based in SQL (generate_series, one INSERT ... SELECT per table and
// tenant): tenants, persons, registrations, cases, participants, agreements, journal entries, case
// events and processing-log rows. The same SQL runs on PostgreSQL and PGlite. Pseudo-random but
// deterministic (hashint4 of the row number), so two runs make the same shapes. Run as the owner
// (a superuser): foreign keys and triggers are switched off for the load (session_replication_role)
// and every value they would check or fill is written here (case numbers and their counters, the
// keyed BSN pseudonym).
import { authenticator } from 'otplib';
import { CODE_LISTS } from '@zvh/shared';
import { hashPassword } from '../src/core/auth/password.js';
import { pseudonymKeyId } from '../src/modules/andere-zvh/pseudonym.js';

/** node-postgres Client and PGlite both answer this. */
export interface Sql { query(text: string, params?: unknown[]): Promise<{ rows: any[] }> }

export interface GenerateOptions {
  /** Tenant codes; the first is the one whose users the benchmark signs in as. */
  tenants: string[];
  cases: number;
  logRows: number;
  pseudonymSecret: string;
  password: string;
  log?: (s: string) => void;
}

export interface Generated {
  tenantIds: string[];
  users: { regisseur: string; manager: string };
  seconds: Record<string, number>;
  counts: Record<string, number>;
}

export const BENCH_USERS = { regisseur: 'regisseur@bench.zvh', manager: 'manager@bench.zvh' } as const;
/** The bench users' TOTP secret, new for every run (the benchmark signs in with a code from it). */
export const BENCH_TOTP_SECRET = process.env.BENCH_TOTP_SECRET ?? authenticator.generateSecret();

const FIRST = ['Jan', 'Piet', 'Kees', 'Anna', 'Maria', 'Sanne', 'Daan', 'Sem', 'Lucas', 'Emma', 'Julia', 'Tess', 'Mila', 'Noah', 'Levi',
  'Finn', 'Bram', 'Lotte', 'Fleur', 'Eva', 'Ruben', 'Thijs', 'Johan', 'Henk', 'Ingrid', 'Petra', 'Mohamed', 'Fatima', 'Youssef', 'Aylin',
  'Kevin', 'Priya', 'Wim', 'Joke', 'Ria', 'Gerrit', 'Hendrik', 'Anouk', 'Iris', 'Milan'];
const LAST = ['Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder',
  'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
  'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek',
  'de Bruijn', 'de Bruin', 'van der Heijden', 'Schouten', 'van Beek', 'Willems', 'van Vliet', 'van de Ven', 'Hoekstra', 'Maas',
  'Verhoeven', 'Koster', 'van Dam', 'van der Wal', 'Prins', 'Blom', 'Huisman', 'Peeters', 'de Jong', 'Kuiper', 'Postma', 'Boersma',
  'Zijlstra', 'Wiersma', 'Veenstra', 'Kramer', 'Hofman', 'Timmermans'];
// with these endings ~1,500 distinct surnames, so a name search finds tens to hundreds of people, not 1 in 60
const ENDINGS = ['', 'a', 'e', 'er', 'ink', 'ing', 'man', 'sma', 'stra', 'horst', 'veld', 'kamp', 'berg', 'dijk', 'hof', 'huis', 'land',
  'meer', 'wijk', 'broek', 'hout', 'beek', 'holt', 'burg', 'ma'];
const AGREEMENTS = ['Huisbezoek afleggen', 'Schuldhulpverlening starten', 'Woonbegeleiding regelen', 'Toezicht afstemmen',
  'Behandeling hervatten', 'Dagbesteding zoeken', 'Netwerkberaad organiseren', 'Veiligheidsplan opstellen'];
const JOURNAL = ['Telefonisch contact met betrokkene gehad; afspraken herhaald.', 'Overleg met de wijkagent over de situatie thuis.',
  'Huisbezoek: woning opgeruimd, betrokkene coöperatief.', 'Signaal van de woningcorporatie over geluidsoverlast ontvangen.',
  'Terugkoppeling van de GGZ: behandeling loopt, geen nieuwe incidenten.', 'Casusoverleg voorbereid; stand van zaken bijgewerkt.'];

const lit = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
/** A pseudo-random non-negative integer of (row number, salt): the same every run. */
const h = (g: string, salt: number) => `(hashint4((${g})::int # ${salt}) & 2147483647)`;

/** The HMAC-SHA-256 of pseudonym.ts (`bsn:<bsn>` under the secret) as SQL over sha256(): the same value, set-based. */
function pseudonymSql(secret: string, bsnExpr: string): string {
  // HMAC: sha256((K xor opad) || sha256((K xor ipad) || message)), K the key padded to 64 bytes
  if (Buffer.byteLength(secret) > 64) throw new Error('bench pseudonym secret must be at most 64 bytes');
  const k = Buffer.alloc(64);
  Buffer.from(secret, 'utf8').copy(k);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  return `'${pseudonymKeyId(secret)}:' || encode(sha256('\\x${opad.toString('hex')}'::bytea || sha256('\\x${ipad.toString('hex')}'::bytea || convert_to('bsn:' || ${bsnExpr}, 'UTF8'))), 'hex')`;
}

async function timed(seconds: Record<string, number>, name: string, log: (s: string) => void, fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await fn();
  seconds[name] = (performance.now() - t0) / 1000;
  log(`    ${name}: ${seconds[name]!.toFixed(1)} s`);
}

/**
 * Generates the data into a migrated database whose tenants exist (seedTenant for each code).
 * `q` must be the owner's connection (superuser on PostgreSQL; PGlite after RESET ROLE).
 */
export async function generate(q: Sql, o: GenerateOptions): Promise<Generated> {
  const log = o.log ?? (() => undefined);
  const seconds: Record<string, number> = {};
  const tenants = await q.query(`select id, code from tenants where code = any($1::text[])`, [o.tenants]);
  const tenantIds = o.tenants.map((c) => tenants.rows.find((t: { code: string }) => t.code === c)?.id as string);
  if (tenantIds.some((t) => !t)) throw new Error('seed the tenants first');
  const first = tenantIds[0]!;
  const munis = (await q.query(`select code from municipalities where tenant_id = $1 order by code`, [first])).rows.map((r) => r.code as string);
  const partners = (await q.query(`select code from organisations where tenant_id = $1 and kind = 'partner' and not municipal order by code`, [first]))
    .rows.map((r) => r.code as string);
  const codes = (list: keyof typeof CODE_LISTS) => (CODE_LISTS[list] as [string, string][]).map(([c]) => c);
  const T = tenantIds.length;
  const N = o.cases;
  const perCaseLog = Math.max(0, Math.round(o.logRows / N));
  const lastNames = LAST.flatMap((l) => ENDINGS.map((e) => l + e));

  // users of the first tenant the benchmark signs in as, like real users: a password and an
  // authenticator app (TOTP) of this run, so the enrolment gate lets them through
  await setBenchUsers(q, first, o.password);

  await q.query(`set session_replication_role = replica`);
  await q.query(`set work_mem = '64MB'`);
  try {
    const tArr = `(array[${tenantIds.map((t) => `'${t}'::uuid`).join(',')}])`;
    await timed(seconds, 'ids', log, async () => {
      await q.query(`drop table if exists bench_ids`);
      // one row per case: its ids, tenant and dates; the tables below are filled from it
      await q.query(`create temp table bench_ids as
        select g, t, pid, rid, cid, kind, reg_at, started_at,
               case when close_at < current_date then close_at end as closed_at
        from (
          select g, g % ${T} as t, gen_random_uuid() as pid, gen_random_uuid() as rid, gen_random_uuid() as cid,
                 case when ${h('g', 1)} % 4 = 0 then 'advies' else 'procesregie' end as kind,
                 date '2016-01-01' + (${h('g', 2)} % 3950) as reg_at,
                 date '2016-01-01' + (${h('g', 2)} % 3950) + (${h('g', 3)} % 40) as started_at,
                 case when ${h('g', 4)} % 10 < 7 then date '2016-01-01' + (${h('g', 2)} % 3950) + (${h('g', 3)} % 40) + 60 + (${h('g', 5)} % 400) end as close_at
          from generate_series(1, ${N}) g
        ) s`);
    });
    const perTenant = async (name: string, text: (t: number) => string) => {
      await timed(seconds, name, log, async () => {
        for (let t = 0; t < T; t++) await q.query(text(t));
      });
    };
    const ps = pseudonymSql(o.pseudonymSecret, `lpad((100000000 + i.g)::text, 9, '0')`);
    await perTenant('persons', (t) => `insert into persons (id, tenant_id, first_name, last_name, birth_date, gender, bsn, bsn_pseudonym, municipality_code, created_at)
      select i.pid, ${tArr}[${t + 1}], (${lit(FIRST)})[1 + ${h('i.g', 11)} % ${FIRST.length}], (${lit(lastNames)})[1 + ${h('i.g', 12)} % ${lastNames.length}],
             date '1940-01-01' + (${h('i.g', 13)} % 23000), (${lit(codes('gender'))})[1 + ${h('i.g', 14)} % ${codes('gender').length}],
             case when ${h('i.g', 15)} % 10 < 8 then lpad((100000000 + i.g)::text, 9, '0') end,
             case when ${h('i.g', 15)} % 10 < 8 then ${ps} end,
             (${lit(munis)})[1 + ${h('i.g', 16)} % ${munis.length}], i.reg_at::timestamptz
        from bench_ids i where i.t = ${t}`);
    const areas = codes('problemArea');
    const regCols = `(id, tenant_id, external_id, kind, status, municipality_code, registering_partner, registered_at, person_id, main_topic,
        problem_areas, children, crosses_municipality_border, urgency, reason, case_id, created_at, updated_at)`;
    await perTenant('registrations', (t) => `insert into registrations ${regCols}
      select i.rid, ${tArr}[${t + 1}], 'GEN-' || i.g, i.kind,
             case when i.closed_at is not null then 'afgesloten' when i.kind = 'advies' then 'advies' else 'procesregie_lopend' end,
             (${lit(munis)})[1 + ${h('i.g', 16)} % ${munis.length}], (${lit(partners)})[1 + ${h('i.g', 17)} % ${partners.length}], i.reg_at, i.pid,
             (${lit(codes('mainTopic'))})[1 + ${h('i.g', 18)} % ${codes('mainTopic').length}],
             array[(${lit(areas)})[1 + ${h('i.g', 19)} % ${areas.length}], (${lit(areas)})[1 + ${h('i.g', 20)} % ${areas.length}]],
             (${lit(codes('children'))})[1 + ${h('i.g', 21)} % ${codes('children').length}], ${h('i.g', 22)} % 10 = 0, 'normaal',
             'Benchmarkgegevens', i.cid, i.reg_at::timestamptz, i.reg_at::timestamptz
        from bench_ids i where i.t = ${t}
      union all
      select gen_random_uuid(), ${tArr}[${t + 1}], 'GEN-T' || i.g, case when i.g % 20 = 0 then 'informatievraag' else 'procesregie' end,
             'teruggelegd', (${lit(munis)})[1 + ${h('i.g', 16)} % ${munis.length}], (${lit(partners)})[1 + ${h('i.g', 23)} % ${partners.length}],
             i.reg_at - 200, i.pid, null, '{}'::text[], null, false, 'normaal', 'Benchmarkgegevens', null, i.reg_at::timestamptz, i.reg_at::timestamptz
        from bench_ids i where i.t = ${t} and i.g % 10 = 0`);
    await perTenant('cases', (t) => `insert into cases (id, tenant_id, registration_id, person_id, external_id, kind, approach, status, purpose,
        started_at, closed_at, close_reason_code, close_reason, lead_partner, case_number, last_activity_at, created_at, updated_at)
      select i.cid, ${tArr}[${t + 1}], i.rid, i.pid, 'GEN-' || i.g, i.kind,
             case when i.kind = 'procesregie' then case when ${h('i.g', 24)} % 10 < 7 then 'maatwerk' else 'pga' end end,
             case when i.closed_at is not null then 'afgesloten' when i.kind = 'advies' then 'advies' else 'procesregie_lopend' end,
             'Overlast stoppen, huisvesting en zorg regelen', i.started_at, i.closed_at,
             case when i.closed_at is not null then 'overig' end, case when i.closed_at is not null then 'Doel bereikt' end,
             (${lit(partners)})[1 + ${h('i.g', 7)} % ${partners.length}],
             zvh_case_number(extract(year from i.started_at)::int, (row_number() over (partition by extract(year from i.started_at) order by i.g))::int),
             coalesce(i.closed_at, i.started_at + 30)::timestamptz, i.started_at::timestamptz, coalesce(i.closed_at, i.started_at + 30)::timestamptz
        from bench_ids i where i.t = ${t}`);
    await timed(seconds, 'case_number_counters', log, () => q.query(`insert into case_number_counters (tenant_id, year, last)
      select tenant_id, split_part(case_number, '-', 1)::int, max(split_part(case_number, '-', 2)::int) from cases
       where tenant_id = any(${tArr}) group by 1, 2
      on conflict (tenant_id, year) do update set last = greatest(case_number_counters.last, excluded.last)`));
    // 2 or 3 partners per case, distinct (consecutive entries of the partner list)
    await perTenant('case_participants', (t) => `insert into case_participants (tenant_id, case_id, partner_code, added_at, add_reason)
      select ${tArr}[${t + 1}], i.cid, (${lit(partners)})[1 + (${h('i.g', 7)} + k) % ${partners.length}], i.started_at::timestamptz, 'Benchmark'
        from bench_ids i cross join generate_series(0, 1 + i.g % 2) k where i.t = ${t}`);
    await perTenant('agreements', (t) => `insert into agreements (tenant_id, case_id, partner_code, title, responsible_person, due_date, status,
        created_at, updated_at)
      select ${tArr}[${t + 1}], i.cid, (${lit(partners)})[1 + (${h('i.g', 7)} + k) % ${partners.length}],
             (${lit(AGREEMENTS)})[1 + (${h('i.g', 25)} + k) % ${AGREEMENTS.length}], 'Contactpersoon ' || k, i.started_at + 30 * (k + 1),
             case when i.closed_at is not null then 'done' else 'open' end, i.started_at::timestamptz, i.started_at::timestamptz
        from bench_ids i cross join generate_series(0, i.g % 2) k where i.t = ${t}`);
    await perTenant('journal_entries', (t) => `insert into journal_entries (tenant_id, case_id, at, entry_date, author_name, author_organisation, text, visibility)
      select ${tArr}[${t + 1}], i.cid, (i.started_at + 7 * k)::timestamptz, i.started_at + 7 * k, 'Bench Regisseur', 'zvh',
             (${lit(JOURNAL)})[1 + (${h('i.g', 26)} + k) % ${JOURNAL.length}], 'zvh'
        from bench_ids i cross join generate_series(0, i.g % 4) k where i.t = ${t}`);
    await perTenant('case_events', (t) => `insert into case_events (tenant_id, case_id, registration_id, at, actor_name, actor_organisation, type, data)
      select ${tArr}[${t + 1}], i.cid, i.rid, i.started_at::timestamptz, 'Bench Regisseur', 'zvh', 'case_opened', '{}'::jsonb
        from bench_ids i where i.t = ${t}`);
    // the processing log: perCaseLog reads per case, spread over the last two years
    await perTenant('processing_log', (t) => `insert into processing_log (at, trace_id, tenant_id, activity, purpose, action, actor_email,
        actor_organisation, data_subject_ref, case_id, registration_id, outcome)
      select now() - make_interval(secs => (${h('i.g * 31 + k', 27)} % 63000000)), 'bench', ${tArr}[${t + 1}], 'casusdossier',
             'Procesregie: regie op de aanpak van de casus', 'read', 'bench@zvh', 'zvh', i.pid, i.cid, i.rid, 'success'
        from bench_ids i cross join generate_series(1, ${perCaseLog}) k where i.t = ${t}`);
    // the seals of that history, as the sealer (core/log-chain) would have written them over the
    // months the records came in; the hash is a placeholder (the benchmark never verifies the
    // chain). Without them the sealer spends the whole measurement chaining 10M records (~6,500 a
    // second on this machine) and the figures measure that instead of the application.
    await perTenant('processing_log_seal', (t) => `insert into processing_log_seal (log_id, at, tenant_id, seq, hash)
      select l.id, l.at, l.tenant_id, row_number() over (partition by date_trunc('month', l.at at time zone 'UTC') order by l.id), 'bench-' || md5(l.id::text)
        from processing_log l where l.tenant_id = ${tArr}[${t + 1}]`);
  } finally {
    await q.query(`set session_replication_role = origin`);
    await q.query(`drop table if exists bench_ids`);
  }
  await timed(seconds, 'vacuum analyze', log, () => q.query(`vacuum analyze`));
  const counts = (await q.query(`select (select count(*) from persons)::int as persons, (select count(*) from registrations)::int as registrations,
    (select count(*) from cases)::int as cases, (select count(*) from case_participants)::int as participants,
    (select count(*) from agreements)::int as agreements, (select count(*) from journal_entries)::int as journal,
    (select count(*) from case_events)::int as "caseEvents", (select count(*) from processing_log)::int as "processingLog"`)).rows[0];
  return { tenantIds, users: BENCH_USERS, seconds, counts };
}

/** The users of the first tenant the benchmark signs in as, with this run's password and TOTP secret. */
export async function setBenchUsers(q: Sql, tenantId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  for (const [email, roles] of [[BENCH_USERS.regisseur, '{procesregisseur}'], [BENCH_USERS.manager, '{manager}']] as const) {
    await q.query(`insert into users (tenant_id, email, name, organisation_code, roles, password_hash)
      values ($1, $2, $3, 'zvh', $4::text[], $5) on conflict do nothing`, [tenantId, email, `Bench ${roles.slice(1, -1)}`, roles, hash]);
    await q.query(`update users set password_hash = $2, totp_secret = $3, totp_enabled = true, totp_last_step = null, must_change_password = false
      where tenant_id = $1 and email = $4`, [tenantId, hash, BENCH_TOTP_SECRET, email]);
  }
}
