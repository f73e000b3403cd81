// SPDX-License-Identifier: EUPL-1.2
// Single sign-on per organisation with OpenID Connect (openid-client). The beheerder configures
// issuer, client and claim mapping per organisation; sign-in is the authorization code flow with
// PKCE, state and nonce kept server-side (table sso_states, single use, 10 minutes). The callback
// only signs in an ACTIVE existing user of the organisation whose e-mail address matches the
// configured claim; no account is ever created. Every refusal is logged and answered the same way.
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql } from '../../core/db/index.js';
import { requirePermission } from '../../core/access.js';
import { fieldError, NotFoundError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';
import { createSession } from '../../core/auth/sessions.js';

export const STATE_TTL_MINUTES = 10;
export const CALLBACK_PATH = '/api/auth/sso/callback';

export interface SsoSettings {
  organisationCode: string; issuer: string | null; clientId: string | null; hasSecret: boolean;
  emailClaim: string; enabled: boolean; mfaTrusted: boolean;
}
export interface SsoChange { issuer: string; clientId: string; clientSecret?: string; emailClaim?: string; enabled: boolean; mfaTrusted?: boolean }

interface SsoRow { issuer: string; client_id: string; client_secret: string; email_claim: string; enabled: boolean; mfa_trusted: boolean }

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

async function requireOrganisation(ctx: Ctx, code: string): Promise<void> {
  requirePermission(ctx.actor, 'admin.manage');
  const org = await one(ctx.db, sql`select 1 as x from organisations where tenant_id = ${ctx.actor.tenantId} and code = ${code}`);
  if (!org) throw new NotFoundError('Organisatie niet gevonden');
}

export async function getSettings(ctx: Ctx, code: string): Promise<SsoSettings> {
  await requireOrganisation(ctx, code);
  const row = await one<SsoRow>(ctx.db, sql`select issuer, client_id, client_secret, email_claim, enabled, mfa_trusted
    from organisation_sso where tenant_id = ${ctx.actor.tenantId} and organisation_code = ${code}`);
  return {
    organisationCode: code, issuer: row?.issuer ?? null, clientId: row?.client_id ?? null, hasSecret: !!row?.client_secret,
    emailClaim: row?.email_claim ?? 'email', enabled: row?.enabled ?? false, mfaTrusted: row?.mfa_trusted ?? false,
  };
}

/** Is this issuer on this machine (http allowed outside production only)? */
export function isLocalIssuer(issuer: URL): boolean {
  return issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost' || issuer.hostname === '[::1]';
}

export async function putSettings(ctx: Ctx, config: Config, code: string, b: SsoChange, ip: string): Promise<SsoSettings> {
  await requireOrganisation(ctx, code);
  let issuer: URL;
  try { issuer = new URL(b.issuer); } catch { throw fieldError('issuer', 'Geen geldige URL'); }
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLocalIssuer(issuer) && config.nodeEnv !== 'production')) {
    throw fieldError('issuer', 'De issuer moet https gebruiken');
  }
  const existing = await one<{ client_secret: string }>(ctx.db, sql`select client_secret from organisation_sso
    where tenant_id = ${ctx.actor.tenantId} and organisation_code = ${code}`);
  const secret = b.clientSecret ?? existing?.client_secret;
  if (!secret) throw fieldError('clientSecret', 'Verplicht bij de eerste instelling');
  await ctx.db.execute(sql`insert into organisation_sso (tenant_id, organisation_code, issuer, client_id, client_secret, email_claim, enabled, mfa_trusted)
    values (${ctx.actor.tenantId}, ${code}, ${b.issuer}, ${b.clientId}, ${secret}, ${b.emailClaim ?? 'email'}, ${b.enabled}, ${b.mfaTrusted ?? false})
    on conflict (tenant_id, organisation_code) do update set issuer = excluded.issuer, client_id = excluded.client_id,
      client_secret = excluded.client_secret, email_claim = excluded.email_claim, enabled = excluded.enabled,
      mfa_trusted = excluded.mfa_trusted, updated_at = now()`);
  await logSecurity(ctx.db, {
    event: 'sso_settings', outcome: 'success', userId: ctx.actor.userId, tenantId: ctx.actor.tenantId, ip,
    details: { organisation: code, issuer: b.issuer, enabled: b.enabled, mfaTrusted: b.mfaTrusted ?? false, secretChanged: b.clientSecret !== undefined },
  });
  return getSettings(ctx, code);
}

/** Organisations with SSO switched on (public: the login page offers them). */
export async function listEnabled(db: Db): Promise<{ tenant: string; organisation: string; name: string }[]> {
  return rows(db, sql`select t.code as tenant, o.code as organisation, o.name
    from organisation_sso s join organisations o on o.tenant_id = s.tenant_id and o.code = s.organisation_code
    join tenants t on t.id = s.tenant_id
    where s.enabled and o.active order by o.name, t.code`);
}

async function clientConfig(config: Config, row: SsoRow): Promise<oidc.Configuration> {
  const issuer = new URL(row.issuer);
  const insecure = issuer.protocol === 'http:' && isLocalIssuer(issuer) && config.nodeEnv !== 'production';
  return oidc.discovery(issuer, row.client_id, undefined, oidc.ClientSecretBasic(row.client_secret),
    insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 });
}

/** Thrown for every refusal; `reason` goes to the security log only. */
export class SsoRefused extends Error {
  constructor(readonly reason: string, readonly who: { tenantId?: string; userId?: string; email?: string } = {}) { super(reason); }
}

/** The IdP's authorization URL for this organisation, with a new single-use state. */
export async function start(db: Db, config: Config, q: { organisation: string; tenant?: string }, redirectUri: string): Promise<string> {
  const found = await rows<SsoRow & { tenant_id: string }>(db, sql`select s.tenant_id, s.issuer, s.client_id, s.client_secret, s.email_claim, s.enabled, s.mfa_trusted
    from organisation_sso s join organisations o on o.tenant_id = s.tenant_id and o.code = s.organisation_code
    join tenants t on t.id = s.tenant_id
    where s.organisation_code = ${q.organisation} and s.enabled and o.active
      and (${q.tenant ?? null}::text is null or t.code = ${q.tenant ?? null})`);
  if (found.length !== 1) throw new SsoRefused(found.length ? 'ambiguous_organisation' : 'sso_not_enabled');
  const row = found[0]!;
  let cfg: oidc.Configuration;
  try { cfg = await clientConfig(config, row); } catch { throw new SsoRefused('discovery_failed', { tenantId: row.tenant_id }); }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await db.execute(sql`delete from sso_states where expires_at < now() - interval '1 day'`);
  await db.execute(sql`insert into sso_states (state, tenant_id, organisation_code, code_verifier, nonce, expires_at)
    values (${hashState(state)}, ${row.tenant_id}, ${q.organisation}, ${verifier}, ${nonce}, now() + make_interval(mins => ${STATE_TTL_MINUTES}))`);
  return oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri, scope: 'openid email profile', response_type: 'code',
    state, nonce, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  }).href;
}

/**
 * Completes the sign-in: the state (known, unused, not expired; used up at once), the code
 * exchanged, the ID token checked by openid-client (signature, issuer, audience, nonce, expiry),
 * the claim mapped to an active user of the organisation. Returns the new session token.
 */
export async function callback(db: Db, config: Config, currentUrl: URL, client: { ip: string; userAgent?: string }): Promise<string> {
  const state = currentUrl.searchParams.get('state');
  if (!state || state.length > 200) throw new SsoRefused('missing_state');
  const pending = await one<{ tenant_id: string; organisation_code: string; code_verifier: string; nonce: string }>(db, sql`
    update sso_states set used_at = now()
     where state = ${hashState(state)} and used_at is null and expires_at > now()
    returning tenant_id, organisation_code, code_verifier, nonce`);
  if (!pending) throw new SsoRefused('unknown_or_used_state');
  const who = { tenantId: pending.tenant_id };
  const row = await one<SsoRow>(db, sql`select issuer, client_id, client_secret, email_claim, enabled, mfa_trusted from organisation_sso
    where tenant_id = ${pending.tenant_id} and organisation_code = ${pending.organisation_code} and enabled`);
  if (!row) throw new SsoRefused('sso_not_enabled', who);
  let claims: Record<string, unknown>;
  try {
    const cfg = await clientConfig(config, row);
    const tokens = await oidc.authorizationCodeGrant(cfg, currentUrl, {
      pkceCodeVerifier: pending.code_verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    // many providers put profile claims only in the userinfo answer (bound to the ID token's sub)
    if (claims[row.email_claim] === undefined && typeof claims.sub === 'string') {
      claims = { ...(await oidc.fetchUserInfo(cfg, tokens.access_token, claims.sub)), ...claims };
    }
  } catch (e) {
    throw new SsoRefused(`token_rejected: ${(e as Error).message.slice(0, 200)}`, who);
  }
  const value = claims[row.email_claim];
  if (typeof value !== 'string' || !value.includes('@')) throw new SsoRefused('claim_missing', who);
  const email = value.trim().toLowerCase();
  if (row.email_claim === 'email' && claims.email_verified === false) throw new SsoRefused('email_not_verified', { ...who, email });
  const user = await one<{ id: string; is_demo: boolean }>(db, sql`select id, is_demo from users
    where tenant_id = ${pending.tenant_id} and organisation_code = ${pending.organisation_code} and lower(email) = ${email} and active`);
  if (!user) throw new SsoRefused('no_active_user', { ...who, email });
  if (user.is_demo && !config.demo) throw new SsoRefused('demo_disabled', { ...who, email, userId: user.id });
  // trusted MFA: the provider's sign-in is password and second factor. Otherwise only the password:
  // the session starts without a factor, and resolveSession keeps it in the gate until the user
  // confirms their own (POST /api/auth/second-factor) or, having none, enrols one
  const factor = row.mfa_trusted ? 'sso' as const : null;
  const token = await createSession(db, config.sessionSecret, { id: user.id, tenantId: pending.tenant_id }, client.ip, client.userAgent, factor);
  await logSecurity(db, {
    event: 'login', outcome: 'success', email, userId: user.id, tenantId: pending.tenant_id, ip: client.ip,
    details: { method: 'sso', organisation: pending.organisation_code, ...(factor ? { secondFactor: factor } : {}) },
  });
  return token;
}

export async function logRefusal(db: Db, e: unknown, ip: string): Promise<void> {
  const r = e instanceof SsoRefused ? e : new SsoRefused(`error: ${String((e as Error)?.message ?? e).slice(0, 200)}`);
  await logSecurity(db, { event: 'login', outcome: 'failure', email: r.who.email, userId: r.who.userId, tenantId: r.who.tenantId, ip, details: { method: 'sso', reason: r.reason } });
}
