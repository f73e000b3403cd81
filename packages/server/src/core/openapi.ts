// SPDX-License-Identifier: EUPL-1.2
// OpenAPI conventions applied to every route in one place, so a new route cannot forget them:
// the error answers a route can give are documented from its access rule and its schema (one
// error model: {"error":{"code","message","details"?}}), and the document names its server and
// licence. Each route declares its own operationId (the generated web client is keyed on it);
// the route-inventory test fails on a route without one.
import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';
import type { AccessRule } from './http.js';
import type { Database } from './db/index.js';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Machineleesbare foutcode, bv. validation, not_found, stale_version' }),
    message: Type.String({ description: 'Uitleg voor mensen' }),
    details: Type.Optional(Type.Unknown()),
  }),
}, { $id: 'ErrorBody', description: 'Het ene foutmodel van de API' });

const ERROR_TEXT: Record<number, string> = {
  400: 'Ongeldige invoer (validatie); er is niets gewijzigd',
  401: 'Niet aangemeld',
  403: 'Geen toegang voor deze rol, of verzoek van een andere herkomst',
  404: 'Niet gevonden (ook wanneer het bestaat maar u het niet mag zien)',
  409: 'Conflict: verouderde versie of een niet-toegestane statusovergang',
  413: 'Verzoek te groot',
  415: 'Inhoudstype niet ondersteund (alleen JSON)',
  422: 'Inhoudelijk niet toegestaan',
  429: 'Te veel pogingen; probeer het later opnieuw',
};

type Schema = NonNullable<RouteOptions['schema']> & { response?: Record<string, unknown>; hide?: boolean; body?: unknown; params?: unknown; querystring?: unknown };

/** The error statuses a route can answer, from its access rule and what it accepts. */
export function errorStatuses(method: string, url: string, schema: Schema, access: AccessRule | undefined): number[] {
  const s = new Set<number>();
  const isPublic = access !== undefined && 'public' in access;
  if (!isPublic) { s.add(401); s.add(403); }
  // the sign-in routes are public but answer 401 to wrong credentials or without a session
  if (url.startsWith('/api/auth/')) s.add(401);
  // sign-in and the other password/code checks share the brute-force throttle (core/auth/login.ts)
  if (url === '/api/auth/login' || url === '/api/auth/password' || url === '/api/account/totp/setup' || url === '/api/account/totp/disable') s.add(429);
  // secret-token feeds answer 404 to a wrong token
  if (isPublic && /\{token\}|:token/.test(url)) s.add(404);
  if (schema.body || schema.querystring || schema.params) s.add(400);
  if (schema.params) s.add(404);
  if (!['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method)) { s.add(400); s.add(413); s.add(415); if (!isPublic) s.add(409); }
  return [...s].sort();
}

/**
 * @fastify/swagger's transform: documents, for every /api route, its error answers and (where
 * the route declares no success schema) that it succeeds with a 2xx. Documentation only: what a
 * route sends is decided by its own schema.
 */
export function documentRoute({ schema, url, route }: { schema: unknown; url: string; route: RouteOptions }): { schema: Schema; url: string } {
  const s = { ...((schema ?? {}) as Schema) };
  if (s.hide || !url.startsWith('/api/')) return { schema: s, url };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const access = (route.config as { access?: AccessRule } | undefined)?.access;
  const response: Record<string, unknown> = { ...(s.response ?? {}) };
  if (!Object.keys(response).some((k) => /^2/.test(k))) response['2xx'] = { description: 'Gelukt' };
  for (const status of errorStatuses(String(methods[0]), url, s, access)) {
    response[status] ??= { description: ERROR_TEXT[status], ...Type.Ref('ErrorBody') };
  }
  return { schema: { ...s, response }, url };
}

/** The OpenAPI document of every route, built without a database (building routes needs none). */
export async function openApiDocument(): Promise<unknown> {
  const [{ buildApp }, { loadConfig }] = await Promise.all([import('../app.js'), import('./config.js')]);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, []);
  const noDatabase: Database = {
    db: new Proxy({}, { get: () => { throw new Error('no database while writing the OpenAPI document'); } }) as Database['db'],
    kind: 'pglite',
    raw: null,
    close: async () => undefined,
  };
  const app = await buildApp(config, noDatabase);
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
