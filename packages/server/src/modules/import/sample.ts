// SPDX-License-Identifier: EUPL-1.2
// Deterministic pseudo-random import lines (import format v1) for the tests and the benchmark.
// Every line is valid against the default tenant's reference data.
import { CODE_LISTS, MUNICIPALITIES, PARTNERS } from '@zvh/shared';

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A BSN that passes the 11-test, from a number (deterministic). */
export function bsnFrom(n: number): string {
  for (let k = n; ; k++) {
    const d = String(100_000_000 + (k % 89_999_999)).slice(1, 9).padStart(8, '0');
    const base = `1${d.slice(1)}`; // first digit 1: never all zeros
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(base[i]) * (9 - i);
    const check = sum % 11; // sum - check ≡ 0 (mod 11)
    if (check <= 9) return base + String(check);
  }
}

const codes = (list: keyof typeof CODE_LISTS) => CODE_LISTS[list].map(([c]) => c);
const FIRST = ['Jan', 'Piet', 'Klaas', 'Anna', 'Fatima', 'Mohamed', 'Sanne', 'Henk', 'Ingrid', 'Daan', 'Eva', 'Lucas', 'Noor', 'Sem', 'Julia', 'Bram'];
const LAST = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Brouwer'];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, days: number) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + days * 86_400_000));

export interface SampleOptions {
  seed?: number;
  /** externalId prefix (default 'OUD') */
  prefix?: string;
  /** First line's number (externalIds run from here). */
  from?: number;
}

/** `count` import lines (objects); stringify them with JSON.stringify and join with '\n'. */
export function* sampleLines(count: number, opts: SampleOptions = {}): Generator<Record<string, unknown>> {
  const rnd = prng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const prefix = opts.prefix ?? 'OUD';
  const from = opts.from ?? 1;
  const mainTopics = codes('mainTopic');
  const problemAreas = codes('problemArea');
  const children = codes('children');
  const genders = codes('gender');
  const start = Date.parse('2015-01-01T00:00:00Z');
  const span = Date.parse('2024-12-31T00:00:00Z') - start;
  for (let i = from; i < from + count; i++) {
    const r = rnd();
    const kind = r < 0.6 ? 'procesregie' : r < 0.85 ? 'advies' : 'informatievraag';
    const registeredAt = iso(new Date(start + Math.floor(rnd() * span / 86_400_000) * 86_400_000));
    const takenUp = kind === 'advies' || rnd() < 0.85;
    const startedAt = kind === 'procesregie' && takenUp ? addDays(registeredAt, Math.floor(rnd() * 60)) : null;
    const closed = kind !== 'informatievraag' && takenUp && rnd() < 0.7;
    const closedAt = closed ? addDays(startedAt ?? registeredAt, 60 + Math.floor(rnd() * 400)) : null;
    const birthYear = 1940 + Math.floor(rnd() * 65);
    const birthDate = `${birthYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const b = rnd();
    // 80% with a BSN; one in ten of those shares a BSN with an earlier line (a person with several cases)
    const bsn = b < 0.8 ? bsnFrom(b < 0.08 ? Math.floor(rnd() * i) + 1 : i) : undefined;
    const areas = problemAreas.filter(() => rnd() < 0.35);
    yield {
      externalId: `${prefix}-${String(i).padStart(7, '0')}`,
      kind,
      ...(kind === 'procesregie' ? { approach: rnd() < 0.7 ? 'maatwerk' : 'pga' } : {}),
      registeredAt,
      registeringPartner: pick(PARTNERS).code,
      municipality: pick(MUNICIPALITIES).code,
      ...(startedAt ? { startedAt } : {}),
      ...(closedAt && closedAt <= '2025-06-30' ? { closedAt, closeReason: pick(['doel bereikt', 'overgedragen', 'geen medewerking', 'verhuisd']) } : {}),
      ...(kind === 'procesregie' || rnd() < 0.5 ? { mainTopic: pick(mainTopics) } : {}),
      problemAreas: areas,
      subject: { firstName: pick(FIRST), lastName: pick(LAST), birthDate: birthDate > registeredAt ? '1980-01-01' : birthDate, gender: pick(genders), ...(bsn ? { bsn } : {}) },
      children: pick(children),
      crossesMunicipalityBorder: rnd() < 0.1,
    };
  }
}

/** The lines as one ndjson text (small counts only: tests). */
export const sampleNdjson = (count: number, opts?: SampleOptions) => [...sampleLines(count, opts)].map((l) => JSON.stringify(l)).join('\n') + '\n';
