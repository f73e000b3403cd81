// SPDX-License-Identifier: EUPL-1.2
// Typed configuration, read once at start-up. Anything wrong fails fast with one clear message.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseSigningKey } from './log-chain.js';
import { TEST_HOOK_VARS } from './test-hooks.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How the application logs in on PostgreSQL (as zvh_app); default DATABASE_URL with user zvh_app. */
  databaseAppUrl: string | undefined;
  /** zvh_app's password (set by the migration step when the owner may; docs/security.md). */
  databaseAppPassword: string | undefined;
  demo: boolean;
  nodeEnv: 'development' | 'production' | 'test';
  sessionSecret: string;
  /**
   * The installation's secret for the keyed pseudonym of a BSN (HMAC-SHA-256): the tenants of one
   * installation match a person on it ("bekend bij een ander ZVH") without exchanging the BSN.
   */
  pseudonymSecret: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string | undefined;
  /**
   * Which proxies' X-Forwarded-* headers are believed (Fastify's trustProxy): false (the default:
   * the socket address is the client), a hop count, or proxy addresses/CIDRs.
   */
  trustProxy: false | number | string[];
  /** Whether cookies get the Secure flag: behind https (PUBLIC_URL https) or in production. */
  secureCookies: boolean;
  /**
   * Fresh authentication (FRESH_AUTH_MINUTES, default 10): a session signed in or re-authenticated
   * (password + second factor) this many minutes ago may call routes marked `freshAuth: true`.
   */
  freshAuthMinutes: number;
  /** A bearer token for a Prometheus scraper at /api/metrics (METRICS_TOKEN); unset: only a signed-in beheerder. */
  metricsToken: string | undefined;
  /** Outgoing mail for the daily digest; undefined (no mail at all) when SMTP_URL and SMTP_HOST are unset. */
  smtp?: SmtpConfig;
  /**
   * LOG_SIGNING_KEY: the Ed25519 private key (PKCS#8 PEM, or its DER in base64) that signs the processing
   * log's checkpoints (core/log-chain.ts). Unset: a key generated into DATA_DIR (tests: in memory).
   */
  logSigningKey?: string;
}

export interface SmtpConfig {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function bool(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (['1', 'true', 'yes', 'ja'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no', 'nee'].includes(v.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/true or 0/false, not "${v}"`);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: unset (trust no proxy), a hop count such as `1`, or a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(raw: string | undefined): Config['trustProxy'] {
  const v = raw?.trim();
  if (!v) return false;
  if (/^[0-9]+$/.test(v)) {
    const hops = Number(v);
    if (hops > 32) throw new ConfigError(`TRUST_PROXY must be a small hop count (such as 1) or proxy addresses, not "${v}"`);
    return hops === 0 ? false : hops;
  }
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    if (PROXY_NAMES.includes(e)) continue;
    const [addr, prefix, ...rest] = e.split('/');
    const family = isIP(addr ?? '');
    const max = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (!family || !prefixOk || rest.length) {
      throw new ConfigError(`TRUST_PROXY must be a hop count (such as 1) or a comma-separated list of proxy addresses or CIDRs (such as 10.0.0.5,192.168.1.0/24), not "${v}"`);
    }
  }
  return entries;
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  // an empty variable (PORT= in an env file) counts as unset: the default applies
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v.trim() !== '')) as NodeJS.ProcessEnv;
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, not "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as Config['nodeEnv'];
  const portRaw = (env.PORT ?? '3000').trim();
  const port = Number(portRaw);
  if (!/^[0-9]{1,5}$/.test(portRaw) || port > 65535) throw new ConfigError(`PORT must be a port number, not "${portRaw}"`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  // Demo mode is the default only on the embedded database; elsewhere it needs --demo or DEMO=1.
  const demoFlag = bool('DEMO', env.DEMO) ?? (argv.includes('--demo') ? true : undefined);
  const demo = demoFlag ?? (!databaseUrl && nodeEnv !== 'production');
  if (demo && nodeEnv === 'production') {
    throw new ConfigError('Demo mode (DEMO=1 or --demo) is refused when NODE_ENV=production: demo users share a known password');
  }
  for (const hook of TEST_HOOK_VARS) {
    if (env[hook] && nodeEnv === 'production') throw new ConfigError(`${hook} is a test-only hook and is refused when NODE_ENV=production`);
  }
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (nodeEnv === 'production' && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  if (!sessionSecret) sessionSecret = 'development-only-session-secret-not-for-production';
  let pseudonymSecret = env.PSEUDONYM_SECRET ?? '';
  if (nodeEnv === 'production' && pseudonymSecret.length < 32) {
    throw new ConfigError('PSEUDONYM_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  if (!pseudonymSecret) pseudonymSecret = 'development-only-pseudonym-secret-not-for-production';
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  let publicUrl = env.PUBLIC_URL || undefined;
  if (publicUrl) {
    try {
      publicUrl = new URL(publicUrl).toString().replace(/\/$/, '');
    } catch {
      throw new ConfigError(`PUBLIC_URL must be a URL such as https://zvh.example.nl, not "${publicUrl}"`);
    }
  }
  const smtp = smtpConfig(env, publicUrl);
  const freshRaw = (env.FRESH_AUTH_MINUTES ?? '10').trim();
  const freshAuthMinutes = Number(freshRaw);
  if (!/^[0-9]{1,3}$/.test(freshRaw) || freshAuthMinutes < 1 || freshAuthMinutes > 720) {
    throw new ConfigError(`FRESH_AUTH_MINUTES must be a number of minutes from 1 to 720, not "${freshRaw}"`);
  }
  const logSigningKey = env.LOG_SIGNING_KEY;
  if (logSigningKey) {
    try {
      parseSigningKey(logSigningKey);
    } catch {
      throw new ConfigError('LOG_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM, or its DER in base64)');
    }
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 32) throw new ConfigError('METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)');
  return {
    freshAuthMinutes,
    port,
    host: env.HOST ?? 'localhost',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databaseAppPassword: env.DATABASE_APP_PASSWORD || undefined,
    demo,
    nodeEnv,
    sessionSecret,
    pseudonymSecret,
    logLevel,
    publicUrl,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    secureCookies: nodeEnv === 'production' || (publicUrl?.startsWith('https://') ?? false),
    metricsToken,
    ...(smtp ? { smtp } : {}),
    ...(logSigningKey ? { logSigningKey } : {}),
  };
}

/** SMTP_URL (smtp:// or smtps://) or SMTP_HOST with SMTP_PORT/SMTP_SECURE/SMTP_USER/SMTP_PASSWORD; SMTP_FROM; the link needs PUBLIC_URL. */
function smtpConfig(env: NodeJS.ProcessEnv, publicUrl: string | undefined): SmtpConfig | undefined {
  const url = env.SMTP_URL;
  const host = env.SMTP_HOST;
  if (!url && !host) return undefined;
  if (url && host) throw new ConfigError('Set either SMTP_URL or SMTP_HOST, not both');
  if (url && !/^smtps?:\/\/./.test(url)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const from = env.SMTP_FROM;
  if (!from || !/@/.test(from)) throw new ConfigError('SMTP_FROM is required with SMTP_URL or SMTP_HOST (e.g. "ZVH Casussysteem <noreply@zvh.example.nl>")');
  if (!publicUrl) throw new ConfigError('PUBLIC_URL is required with SMTP_URL or SMTP_HOST: the digest links to the start page');
  if (url) return { url, from };
  const portRaw = (env.SMTP_PORT ?? '587').trim();
  const port = Number(portRaw);
  if (!/^[0-9]{1,5}$/.test(portRaw) || port < 1 || port > 65535) throw new ConfigError(`SMTP_PORT must be a port number, not "${portRaw}"`);
  const secure = bool('SMTP_SECURE', env.SMTP_SECURE) ?? port === 465;
  if (env.SMTP_PASSWORD && !env.SMTP_USER) throw new ConfigError('SMTP_PASSWORD needs SMTP_USER');
  return { host, port, secure, user: env.SMTP_USER, password: env.SMTP_PASSWORD, from };
}
