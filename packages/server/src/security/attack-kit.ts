// SPDX-License-Identifier: EUPL-1.2
// The attack suite's toolkit: every operation of the OpenAPI document (core/openapi.ts
// openApiDocument) joined with its access rule from the app's route inventory, so that a route
// added later is attacked without anyone adding it to a list; a generator of minimal valid values
// from a route's JSON schemas (so a request reaches the handler, not only the validator); and a
// fingerprint of every table's contents (so "nothing changed" covers tables added later too).
import { PERMISSIONS, can } from '@zvh/shared';
import type { Permission } from '@zvh/shared';
import type { App } from '../app.js';
import type { AccessRule } from '../core/http.js';
import { openApiDocument } from '../core/openapi.js';
import type { Db } from '../core/db/index.js';
import { one, rows, sql } from '../core/db/index.js';
import { DEMO_USERS } from '../core/seed.js';

type Schema = Record<string, any>;
interface OpenApiDoc { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } }

export interface Param { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, e.g. /api/cases/{id}. */
  path: string;
  /** The Fastify route, e.g. /api/cases/:id (the key of the route inventory and of the exception tables). */
  url: string;
  key: string;
  operationId: string;
  access: AccessRule | undefined;
  pathParams: Param[];
  queryParams: Param[];
  /** The JSON schema of the request body, when the route takes one. */
  body?: Schema;
  /** The request body media types the route takes (its config.bodyTypes, else what the document names). */
  bodyTypes: string[];
}

/** A UUID that no row has: "missing". */
export const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

let docPromise: Promise<OpenApiDoc> | undefined;
/** The OpenAPI document of the app, built once per test file. */
export const apiDocument = () => (docPromise ??= openApiDocument() as Promise<OpenApiDoc>);

/** Every operation of the OpenAPI document with its access rule from the route inventory. */
export async function operations(app: App): Promise<Operation[]> {
  const doc = await apiDocument();
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      const route = app.routeInventory.find((r) => r.method === method && r.url === url);
      if (!route) throw new Error(`${method} ${path} is in the OpenAPI document but not in the route inventory`);
      const params = ((op.parameters ?? []) as Param[]).map((p) => ({ ...p, schema: deref(doc, p.schema ?? {}) }));
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
      const json = content['application/json']?.schema;
      out.push({
        method, path, url, key: `${method} ${url}`, operationId: String(op.operationId), access: route.access,
        pathParams: params.filter((p) => p.in === 'path'), queryParams: params.filter((p) => p.in === 'query'),
        body: json ? deref(doc, json) : undefined, bodyTypes: route.bodyTypes ?? Object.keys(content),
      });
    }
  }
  return out;
}

/** The /api routes of the inventory that the document leaves out (only the document itself may). */
export async function undocumentedRoutes(app: App): Promise<string[]> {
  const ops = new Set((await operations(app)).map((o) => o.key));
  return app.routeInventory
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
    .map((r) => `${r.method} ${r.url}`)
    .filter((k) => !ops.has(k));
}

function deref(doc: OpenApiDoc, s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 10 && cur && typeof cur.$ref === 'string'; i++) {
    const name = String(cur.$ref).replace(/^#\/components\/schemas\//, '');
    cur = doc.components?.schemas?.[name] ?? {};
  }
  return cur;
}

const STRING_CANDIDATES = ['x', 'abc', 'Aanvalstest', 'GM0106', 'politie', 'zvh', '2025', '2025-03-01', '123456', 'a.pdf', 'code-1', 'A1', 'aanval@voorbeeld.nl'];

/**
 * A minimal value that the schema accepts: required properties only, the first enum member, the
 * lowest number allowed, a string of the right format. Ids are MISSING_ID (nothing is found).
 */
export function sampleOf(s: Schema, doc: OpenApiDoc = { paths: {} }, depth = 0): unknown {
  s = deref(doc, s);
  if (depth > 8) return undefined;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s) return s.default;
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) {
    const pick = alternatives.find((a) => deref(doc, a).type !== 'null') ?? alternatives[0]!;
    return sampleOf(pick, doc, depth + 1);
  }
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((a: Schema) => sampleOf(a, doc, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const name of (s.required ?? []) as string[]) o[name] = sampleOf(s.properties?.[name] ?? {}, doc, depth + 1);
      return o;
    }
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(s.items ?? {}, doc, depth + 1));
    case 'integer': case 'number': {
      if (typeof s.minimum === 'number') return s.minimum;
      if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1;
      return typeof s.maximum === 'number' && s.maximum < 1 ? s.maximum : 1;
    }
    case 'boolean': return false;
    case 'null': return null;
    case 'string': return sampleString(s);
    default: return {};
  }
}

function sampleString(s: Schema): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  switch (s.format) {
    case 'uuid': return MISSING_ID;
    case 'date': return '2025-03-01';
    case 'date-time': return '2025-03-01T10:00:00.000Z';
    case 'email': return 'aanval@voorbeeld.nl';
    case 'time': return '10:00:00';
    case 'uri': return 'https://voorbeeld.nl/';
    default: break;
  }
  const re = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : undefined;
  const fits = (c: string) => c.length >= min && c.length <= max && (!re || re.test(c));
  const found = STRING_CANDIDATES.find(fits) ?? [String('a').repeat(Math.max(min, 1)), '1'.repeat(Math.max(min, 1))].find(fits);
  return found ?? 'x'.repeat(Math.max(min, 1));
}

/** A path or query value of the parameter's type that names nothing. */
export function missingValue(p: Param): string {
  const s = p.schema;
  if (s.format === 'uuid' || /(^|[^a-z])id$/i.test(p.name) || p.name === 'itemId') return MISSING_ID;
  const v = sampleOf(s);
  return String(v);
}

/** The operation's URL with the given path values (default: missing ones) and query. */
export function urlOf(op: Operation, values: Record<string, string> = {}, query?: Record<string, string | string[]>): string {
  let url = op.path;
  for (const p of op.pathParams) url = url.replace(`{${p.name}}`, encodeURIComponent(values[p.name] ?? missingValue(p)));
  if (query && Object.keys(query).length) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) q.append(k, x);
    url += `?${q.toString()}`;
  }
  return url;
}

/** A minimal valid body for the operation (undefined when it takes none). */
export async function validBody(op: Operation): Promise<unknown> {
  if (!op.body) return undefined;
  return sampleOf(op.body, await apiDocument());
}

// ---------------------------------------------------------------------------------------------
// Who may call what: the demo users and the permission matrix.

/** The demo users, as seeded (core/seed.ts): a role added there (e.g. privacy) is attacked too. */
export const ACTORS: { email: string; name: string; roles: readonly string[]; organisation: string; municipality: string | undefined }[] = DEMO_USERS.map((u) => ({
  email: u.email, name: u.email.split('@')[0]!, roles: u.roles, organisation: u.organisation, municipality: u.municipality,
}));

/** Whether an actor (undefined: anonymous) passes the route's access rule. */
export function passesRule(rule: AccessRule | undefined, roles: readonly string[] | undefined): boolean {
  if (!rule) return false;
  if ('public' in rule) return true;
  if (!roles) return false;
  if ('signedIn' in rule) return true;
  return can(roles, rule.permission as Permission);
}

/** The actor (email) that holds the route's permission, for probes that must reach the handler. */
export function someoneAllowed(op: Operation): string | undefined {
  return ACTORS.find((a) => passesRule(op.access, a.roles))?.email;
}

export const permissionNames = () => Object.keys(PERMISSIONS) as Permission[];

// ---------------------------------------------------------------------------------------------
// The data fingerprint of every table.

/**
 * Tables that change on reads or sign-ins by design: logs, sessions and the sign-in throttle, and
 * the single-use sign-in challenges: an anonymous POST /api/auth/passkey/options must store its
 * WebAuthn challenge (webauthn_challenges) and GET /api/auth/sso/start its OpenID Connect state
 * (sso_states) before anyone is signed in — that is how those sign-ins work, not a changed datum.
 */
const VOLATILE = /(^|_)(log|logs|sessions?|login_attempts|security_events|processing_log.*)$|^__|migrations|^webauthn_challenges$|^sso_states$/;

/**
 * A digest of the contents of every table (bar the logs, sessions and sign-in attempts): equal
 * before and after means no request in between changed any data, in any table, also one added later.
 */
export async function fingerprintAll(db: Db): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (VOLATILE.test(name)) continue;
    const r = await one<{ n: number; h: string | null }>(db, sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as h from "${name}" t`));
    out[name] = `${r!.n}:${r!.h}`;
  }
  return out;
}
