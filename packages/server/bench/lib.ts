// SPDX-License-Identifier: EUPL-1.2
// Benchmark helpers: child servers (start, wait until healthy and idle, stop), the memory of a
// process tree, a keep-alive HTTP load generator with latency percentiles, fresh databases.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import pg from 'pg';
import { adminUrl } from '../src/test/pg-names.js';

export const log = (s: string) => process.stderr.write(`${s}\n`);
export const secs = (t0: number) => (performance.now() - t0) / 1000;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// processes

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(d)]);
    } catch { /* gone */ }
  }
  return byParent;
}
function tree(pid: number): number[] {
  const byParent = children();
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i]!) ?? []));
  return out;
}
/** Resident memory of a process and its descendants, in MB. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  for (const p of tree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* gone */ }
  }
  return kb / 1024;
}
/** CPU seconds (user + system) of a process tree. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of tree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / 100;
}

/** CPU seconds (user + system) of every PostgreSQL server process of this machine (0 if none are visible). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / 100;
}

export interface Child { proc: ChildProcess; port: number; output: () => string; stop: () => Promise<void> }

/** Starts a server process; resolves once `healthPath` answers 200 (with the seconds it took). */
export async function startServer(cmd: string[], env: Record<string, string | undefined>, port: number, healthPath: string, timeoutS = 300):
  Promise<Child & { startSeconds: number }> {
  const t0 = performance.now();
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
  const proc = spawn(cmd[0]!, cmd.slice(1), { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => { out = (out + b.toString()).slice(-20_000); };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const t = setTimeout(() => { for (const p of tree(proc.pid!).reverse()) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
    await gone;
    clearTimeout(t);
  };
  for (;;) {
    if (exited) throw new Error(`${cmd.join(' ')} exited before it was healthy:\n${out}`);
    if (secs(t0) > timeoutS) { await stop(); throw new Error(`${cmd.join(' ')} not healthy after ${timeoutS} s:\n${out}`); }
    // a server whose event loop is stuck must not hold this loop past timeoutS
    const status = await get(port, healthPath, {}, 5_000).then((r) => r.status, () => 0);
    if (status === 200) return { proc, port, output: () => out, stop, startSeconds: secs(t0) };
    await sleep(50);
  }
}

/** Waits until a process tree uses less than 10% of one core for two seconds (start-up jobs done). */
export async function waitIdle(pid: number, timeoutS = 600): Promise<number> {
  const t0 = performance.now();
  let calm = 0;
  let last = treeCpuSeconds(pid);
  // the start-up jobs work in PostgreSQL too (a job's query keeps the server process idle): both calm
  let lastPg = postgresCpuSeconds();
  while (secs(t0) < timeoutS) {
    await sleep(1000);
    const now = treeCpuSeconds(pid);
    const pgNow = postgresCpuSeconds();
    calm = now - last < 0.1 && pgNow - lastPg < 0.2 ? calm + 1 : 0;
    last = now;
    lastPg = pgNow;
    if (calm >= 2) break;
  }
  return secs(t0);
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request on 127.0.0.1; with `timeoutMs`, a server that does not answer in time is an error. */
export function request(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string, timeoutMs?: number):
  Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${path} in ${timeoutMs} ms`)));
    req.end(body);
  });
}
export const get = (port: number, path: string, headers: Record<string, string> = {}, timeoutMs?: number) => request(port, 'GET', path, headers, undefined, timeoutMs);

export async function login(port: number, email: string, password: string, otp?: string): Promise<string> {
  const res = await request(port, 'POST', '/api/auth/login', {}, JSON.stringify(otp === undefined ? { email, password } : { email, password, otp }));
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  const set = res.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface LoadResult {
  requests: number; errors: number; seconds: number; rps: number; p50: number; p95: number; p99: number; peakRssMb: number;
  /** CPU milliseconds per counted request: the server's process tree, PostgreSQL's processes (where the CPU goes; 2 cores are shared with the clients) */
  serverCpuMsPerRequest: number | null; postgresCpuMsPerRequest: number | null;
}

/**
 * `clients` concurrent keep-alive clients, each sending its next request when the last one is
 * answered, for `durationS` seconds after `warmupS` seconds whose requests are not counted.
 * Samples the server tree's memory meanwhile.
 */
export async function load(port: number, paths: string[], headers: Record<string, string>, clients: number, durationS: number, warmupS: number, serverPid?: number):
  Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let measuring = false;
  let running = true;
  let next = 0;
  let peakRssMb = 0;
  const sampler = serverPid ? setInterval(() => { peakRssMb = Math.max(peakRssMb, treeRssMb(serverPid)); }, 250) : undefined;
  const worker = async () => {
    while (running) {
      const path = paths[next++ % paths.length]!;
      const t = performance.now();
      let ok = false;
      try {
        const res = await get(port, path, headers);
        ok = res.status >= 200 && res.status < 300;
        if (!ok && !firstError) firstError = `${res.status} ${res.body.slice(0, 200)}`;
      } catch (e) {
        if (!firstError) firstError = String(e);
      }
      if (measuring && running) {
        if (ok) latencies.push(performance.now() - t); else errors++;
      }
    }
  };
  const workers = Array.from({ length: clients }, worker);
  await sleep(warmupS * 1000);
  measuring = true;
  const t0 = performance.now();
  const cpu0 = serverPid ? treeCpuSeconds(serverPid) : 0;
  const pg0 = postgresCpuSeconds();
  await sleep(durationS * 1000);
  running = false;
  const seconds = secs(t0);
  const serverCpu = serverPid ? treeCpuSeconds(serverPid) - cpu0 : null;
  const pgCpu = postgresCpuSeconds() - pg0;
  await Promise.all(workers);
  if (sampler) clearInterval(sampler);
  if (errors) log(`    ${errors} failed requests, the first: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length, errors, seconds, rps: latencies.length / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), peakRssMb,
    serverCpuMsPerRequest: serverCpu === null || !latencies.length ? null : (1000 * serverCpu) / latencies.length,
    postgresCpuMsPerRequest: !latencies.length ? null : (1000 * pgCpu) / latencies.length,
  };
}

/**
 * Times `n` sequential calls after one warm-up call; milliseconds, sorted. A slow call (a search
 * that scans a million rows) stops the series after 3 calls once `budgetS` seconds are spent.
 */
export async function timeCalls(n: number, fn: (i: number) => Promise<unknown>, budgetS = 30): Promise<{ median: number; p95: number; all: number[] }> {
  const t0 = performance.now();
  await fn(-1);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i >= 3 && secs(t0) > budgetS) break;
    const t = performance.now();
    await fn(i);
    all.push(performance.now() - t);
  }
  all.sort((a, b) => a - b);
  return { median: percentile(all, 50), p95: percentile(all, 95), all };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL databases

export function dbUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createPgDatabase(base: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: dbUrl(base, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl(base) });
      await a.connect();
      try { await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); } finally { await a.end(); }
    },
  };
}
