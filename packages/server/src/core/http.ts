// SPDX-License-Identifier: EUPL-1.2
// The HTTP engine: access rules, sessions, CSRF, security headers, the error model, OpenAPI.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '@zvh/shared';
import { can } from '@zvh/shared';
import type { Actor, Ctx } from './context.js';
import { isZvhStaff } from './context.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { scopedDb } from './db/index.js';
import { DomainError, ForbiddenError, UnauthorizedError } from './errors.js';
import { resolveSession, SESSION_COOKIE } from './auth/sessions.js';

/**
 * Every route declares who may call it. A route without a rule is refused at run time and
 * fails the route-inventory test.
 *  - public: no session needed (health, OpenAPI, sign-in, secret-token feeds)
 *  - signedIn: every signed-in user (their own account, calendar, reference data)
 *  - permission: a named permission of @zvh/shared's PERMISSIONS, the same name services check
 *  - duringEnrolment: still allowed before the user has changed a one-time password and enrolled a
 *    second factor, in that order: `true` in both stages (reference data), `'secondFactor'` once the
 *    password is changed (enrolling a factor, own sessions). Every other route answers 403
 *    `password_change_required` / `enrolment_required` until both are done (demo users have no
 *    second factor and need none). A session of a user who has a factor but did not prove it at
 *    sign-in (single sign-on without trusted MFA) reaches only `true` routes (and the public sign-in
 *    routes under /api/auth/, POST /api/auth/second-factor among them), 403 `second_factor_required`
 *    elsewhere until it has: not even the account routes, where a second factor could be added or
 *    replaced with the provider's password alone.
 * A route marked `freshAuth: true` (next to `access`) also needs a session that proved password and
 * second factor within the last FRESH_AUTH_MINUTES (403 `fresh_auth_required`; the web app asks
 * again and retries after `POST /api/auth/reauth`).
 */
export type AccessRule =
  | { public: true }
  | { signedIn: true; duringEnrolment?: boolean | 'secondFactor' }
  | { permission: Permission; duringEnrolment?: boolean | 'secondFactor' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** Needs fresh authentication (see AccessRule). */
    freshAuth?: boolean;
    /** The request body types the route takes; default JSON only (see registerBodyTypes). */
    bodyTypes?: string[];
    /** A permission route that a machine may also call with `Authorization: Bearer <token>` (METRICS_TOKEN). */
    bearerToken?: 'metrics';
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

const scoped = new WeakMap<FastifyRequest, Db>();

/**
 * The Ctx of a signed-in request. Its `db` sets the actor's row-level-security settings (tenant,
 * user, organisation, ZVH staff or not) at the start of every transaction, so the database itself
 * refuses rows the actor may not see (migration 0021, core/db scopedDb).
 */
export function ctxOf(request: FastifyRequest, db: Db): Ctx {
  const actor = request.actor;
  if (!actor) throw new UnauthorizedError();
  let s = scoped.get(request);
  if (!s) {
    s = scopedDb(db, { tenantId: actor.tenantId, userId: actor.userId, organisationCode: actor.organisationCode, staff: isZvhStaff(actor) });
    scoped.set(request, s);
  }
  return { actor, traceId: String(request.id), db: s };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes that plugins register without our route config get an implicit rule: the API docs
 * (@fastify/swagger-ui under /api/docs) and the web app's static files (@fastify/static, outside
 * /api) are public, for reading only. Every other route must declare its own rule.
 */
export function implicitAccess(method: string, url: string): AccessRule | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return { public: true };
  if (url !== '/api' && !url.startsWith('/api/')) return { public: true };
  return undefined;
}

/**
 * Whether an Origin header names this server, scheme included. With PUBLIC_URL set, only its origin
 * (scheme, host and port exactly) counts: behind a TLS proxy every request reaches us over http, so
 * the Host header cannot tell https://host from http://host. Without PUBLIC_URL the origin must be
 * the request's own scheme (`protocol`: https on a TLS socket or from a trusted proxy) and Host
 * (default ports ignored).
 */
export function sameOrigin(origin: string, host: string | undefined, publicUrl: string | undefined, protocol: 'http' | 'https' = 'http'): boolean {
  let o: URL;
  try { o = new URL(origin); } catch { return false; } // "null" or junk: foreign
  if (!o.host || (o.protocol !== 'http:' && o.protocol !== 'https:')) return false;
  if (publicUrl) return new URL(publicUrl).origin === o.origin;
  if (!host || o.protocol !== `${protocol}:`) return false;
  // read the Host header under the request's scheme, so "example.nl:443" equals "https://example.nl"
  try { return new URL(`${protocol}://${host}`).origin === o.origin; } catch { return false; }
}

/** Whether the session proved password and second factor within the last `minutes`. */
export function isFresh(actor: Actor, minutes: number, now: number = Date.now()): boolean {
  return actor.authenticatedAt !== undefined && now - actor.authenticatedAt.getTime() <= minutes * 60_000;
}

/** Whether an Authorization header carries exactly this bearer token (compared in constant time); never without a token. */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  // equal-length digests, so neither the comparison nor its length check tells how much matched
  const hash = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(hash(header.slice(7).trim()), hash(token));
}

export function registerAccess(app: FastifyInstance, db: Db, config: Config): void {
  app.addHook('onRequest', async (request) => {
    // CSRF: a state-changing request from a foreign page is refused. Plain API clients send no
    // Origin header; browsers always send one on cross-site POST/PATCH/DELETE.
    if (!SAFE_METHODS.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, request.headers.host, config.publicUrl, request.protocol === 'https' ? 'https' : 'http')) {
        throw new ForbiddenError('Verzoek van een andere herkomst geweigerd', 'foreign_origin');
      }
    }
    // Unknown routes have no rule either; the not-found handler answers them.
    if (!request.routeOptions.url) return;
    const rule = request.routeOptions.config?.access ?? implicitAccess(request.method, request.routeOptions.url);
    if (!rule) throw new ForbiddenError('Route zonder toegangsregel', 'no_access_rule');
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) request.actor = await resolveSession(db, config.sessionSecret, token);
    if ('public' in rule) return;
    if (request.routeOptions.config?.bearerToken === 'metrics' && bearerMatches(request.headers.authorization, config.metricsToken)) return;
    const actor = request.actor;
    if (!actor) throw new UnauthorizedError();
    // the enrolment gate (decided in resolveSession): first the factor the user has, proved in this
    // session; then the one-time password; then a second factor enrolled
    if (actor.secondFactorUnconfirmed && rule.duringEnrolment !== true) {
      throw new ForbiddenError('Bevestig eerst uw aanmelding met uw tweede factor (authenticator-app, herstelcode of passkey)', 'second_factor_required');
    }
    if (actor.mustChangePassword && rule.duringEnrolment !== true) {
      throw new ForbiddenError('Wijzig eerst uw eenmalige wachtwoord', 'password_change_required');
    }
    if (actor.enrolmentRequired && !rule.duringEnrolment) {
      throw new ForbiddenError('Stel eerst een tweede factor in (authenticator-app of passkey)', 'enrolment_required');
    }
    if ('permission' in rule && !can(actor.roles, rule.permission)) {
      throw new ForbiddenError();
    }
    if (request.routeOptions.config?.freshAuth && !isFresh(actor, config.freshAuthMinutes)) {
      throw new ForbiddenError('Bevestig eerst opnieuw uw identiteit (wachtwoord en tweede factor)', 'fresh_auth_required');
    }
  });
}

export const JSON_TYPE = 'application/json';
export const NDJSON_TYPE = 'application/x-ndjson';

/** The media type of a Content-Type header, lower case, without parameters ("" when absent). */
export function mediaType(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return String(v ?? '').split(';')[0]!.trim().toLowerCase();
}

export const unsupportedMediaType = (accepted: string[]) =>
  new DomainError(415, 'unsupported_media_type', `Inhoudstype niet ondersteund; deze route accepteert alleen ${accepted.join(', ')}`);

/**
 * Request bodies are JSON; a route that takes anything else says so in `config.bodyTypes` (only the
 * caseload import: application/x-ndjson). Any other body type is refused with 415 before the body
 * is read, after the access check (an anonymous caller still gets 401). The ndjson parser hands the
 * raw stream over, so it must never reach a route that validates a JSON body: schema validation
 * with removeAdditional would strip the stream's internals and crash the process after the answer.
 */
export function registerBodyTypes(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  const accepted = (request: FastifyRequest) => request.routeOptions.config?.bodyTypes ?? [JSON_TYPE];
  app.addContentTypeParser(NDJSON_TYPE, (request, payload, done) => {
    // second line of defence behind the preParsing hook
    if (!accepted(request).includes(NDJSON_TYPE)) return done(unsupportedMediaType(accepted(request)), undefined);
    done(null, payload);
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method === 'GET' || request.method === 'HEAD') return payload; // Fastify reads no body
    const type = mediaType(request.headers['content-type']);
    if (type === '') return payload; // none named: an empty body passes, a non-empty one is Fastify's 415
    if (!request.routeOptions.url) return payload; // unknown route: the not-found handler answers
    const ok = accepted(request);
    if (!ok.includes(type)) throw unsupportedMediaType(ok);
    return payload;
  });
}

interface ErrorBody { error: { code: string; message: string; details?: unknown } }
export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/**
 * What of an unexpected error may go into the server log: never personal data. A database error's
 * message and detail carry the query's values (drizzle: "Failed query: ... params: <name>,<bsn>";
 * PostgreSQL: "Key (bsn)=(...) already exists"), so only its class, SQLSTATE, constraint and the
 * stack frames are logged; the message line of the stack goes too.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: unknown; message?: string; stack?: string; cause?: { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown } };
  const cause = e.cause ?? (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? (e as NonNullable<typeof e.cause>) : undefined);
  const database = cause !== undefined || /Failed query/i.test(String(e.message ?? ''));
  const frames = String(e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
  return {
    type: e.name ?? typeof err,
    ...(database ? { sqlState: cause?.code, constraint: cause?.constraint, table: cause?.table, column: cause?.column, routine: cause?.routine } : { message: e.message }),
    stack: frames,
  };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => {
        const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
        const path = String(v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
        const field = [fe.validationContext === 'body' ? '' : fe.validationContext, path, missing].filter(Boolean).join('.') || String(fe.validationContext ?? 'body');
        return { field, message: v.message ?? 'ongeldig' };
      });
      return reply.status(400).send(errorBody('validation', 'Ongeldige invoer', details));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large'
          : fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'invalid_json'
            : String(fe.code ?? 'bad_request').toLowerCase();
      return reply.status(fe.statusCode).send(errorBody(code, fe.message));
    }
    // Postgres errors caused by input that slipped past validation are still the caller's fault
    const pgCode = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008' || pgCode === '22003' || pgCode === '22001' || pgCode === '22021' || pgCode === '22P05') {
      return reply.status(400).send(errorBody('invalid_value', 'Ongeldige waarde'));
    }
    request.log.error({ err: loggableError(err) }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'Er ging iets mis aan onze kant'));
  });
}
