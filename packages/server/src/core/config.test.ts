// SPDX-License-Identifier: EUPL-1.2
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { testHookDelay } from './test-hooks.js';

const load = (env: Record<string, string>, argv: string[] = []) => loadConfig(env, argv);
const refused = (env: Record<string, string>, message: RegExp, argv: string[] = []) => {
  expect(() => load(env, argv)).toThrow(ConfigError);
  expect(() => load(env, argv)).toThrow(message);
};
const SECRET = 'x'.repeat(32);

describe('loadConfig defaults', () => {
  it('runs on the embedded database on port 3000 in demo mode with nothing set', () => {
    const c = load({});
    expect(c).toMatchObject({
      port: 3000, host: 'localhost', dataDir: resolve('./data'), databaseUrl: undefined, demo: true,
      nodeEnv: 'development', logLevel: 'info', publicUrl: undefined, secureCookies: false,
    });
    expect(c.sessionSecret.length).toBeGreaterThan(0);
  });
  it('is quiet in tests', () => {
    expect(load({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });
  it('honours PORT, HOST, DATA_DIR, LOG_LEVEL', () => {
    const c = load({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/tmp/zvh-data', LOG_LEVEL: 'warn' });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/zvh-data', logLevel: 'warn' });
  });
  it('treats an empty variable as unset', () => {
    const c = load({ PORT: '', HOST: '', DATA_DIR: '', LOG_LEVEL: '', NODE_ENV: '', DEMO: '', PUBLIC_URL: '', DATABASE_URL: '' });
    expect(c).toMatchObject({ port: 3000, host: 'localhost', dataDir: resolve('./data'), logLevel: 'info', nodeEnv: 'development', demo: true });
  });
  it('is not in demo mode on PostgreSQL unless asked', () => {
    const url = 'postgres://zvh@db.example/zvh';
    expect(load({ DATABASE_URL: url })).toMatchObject({ databaseUrl: url, demo: false });
    expect(load({ DATABASE_URL: url, DEMO: '1' }).demo).toBe(true);
    expect(load({ DATABASE_URL: url }, ['node', 'main.ts', '--demo']).demo).toBe(true);
    expect(load({ DEMO: '0' }).demo).toBe(false);
    expect(load({ DEMO: 'ja' }).demo).toBe(true);
  });
  it('accepts postgresql:// too', () => {
    expect(load({ DATABASE_URL: 'postgresql://localhost/zvh' }).databaseUrl).toBe('postgresql://localhost/zvh');
  });
  it('sets Secure cookies behind https and in production', () => {
    expect(load({ PUBLIC_URL: 'https://zvh.example.nl/' })).toMatchObject({ publicUrl: 'https://zvh.example.nl', secureCookies: true });
    expect(load({ PUBLIC_URL: 'http://intranet.local:3000' })).toMatchObject({ secureCookies: false });
    expect(load({ NODE_ENV: 'production', SESSION_SECRET: SECRET, PSEUDONYM_SECRET: SECRET, DATABASE_URL: 'postgres://db/zvh' })).toMatchObject({ secureCookies: true, demo: false });
  });
  it('has no demo mode in production by default', () => {
    expect(load({ NODE_ENV: 'production', SESSION_SECRET: SECRET, PSEUDONYM_SECRET: SECRET }).demo).toBe(false);
  });
});

describe('loadConfig fails fast with a clear message', () => {
  it('on a bad PORT', () => {
    for (const PORT of ['abc', '70000', '-1', '3.5', '80x', '1e3']) refused({ PORT }, /PORT must be a port number/);
  });
  it('on demo mode in production', () => {
    refused({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DEMO: '1' }, /Demo mode .* refused when NODE_ENV=production/);
    refused({ NODE_ENV: 'production', SESSION_SECRET: SECRET }, /refused when NODE_ENV=production/, ['--demo']);
  });
  it('on a test-only delay hook in production (the crash tests\' hook is never active there)', () => {
    refused({ NODE_ENV: 'production', SESSION_SECRET: SECRET, PSEUDONYM_SECRET: SECRET, ZVH_TEST_TRIAGE_DELAY_MS: '5000' }, /ZVH_TEST_TRIAGE_DELAY_MS is a test-only hook/);
    expect(load({ ZVH_TEST_TRIAGE_DELAY_MS: '5000' }).nodeEnv).toBe('development');
    expect(testHookDelay('ZVH_TEST_TRIAGE_DELAY_MS', { NODE_ENV: 'production', ZVH_TEST_TRIAGE_DELAY_MS: '5000' })).toBe(0);
    expect(testHookDelay('ZVH_TEST_TRIAGE_DELAY_MS', { NODE_ENV: 'test', ZVH_TEST_TRIAGE_DELAY_MS: '5000' })).toBe(5000);
    expect(testHookDelay('ZVH_TEST_TRIAGE_DELAY_MS', { NODE_ENV: 'test' })).toBe(0);
  });
  it('without a SESSION_SECRET (or a short one) in production', () => {
    refused({ NODE_ENV: 'production' }, /SESSION_SECRET is required when NODE_ENV=production/);
    refused({ NODE_ENV: 'production', SESSION_SECRET: 'kort' }, /SESSION_SECRET .*at least 32/);
  });
  it('without a PSEUDONYM_SECRET (or a short one) in production; a fixed development value otherwise', () => {
    refused({ NODE_ENV: 'production', SESSION_SECRET: SECRET }, /PSEUDONYM_SECRET is required when NODE_ENV=production/);
    refused({ NODE_ENV: 'production', SESSION_SECRET: SECRET, PSEUDONYM_SECRET: 'kort' }, /PSEUDONYM_SECRET .*at least 32/);
    expect(load({}).pseudonymSecret).toBe(load({}).pseudonymSecret);
    expect(load({ PSEUDONYM_SECRET: SECRET }).pseudonymSecret).toBe(SECRET);
  });
  it('on a bad PUBLIC_URL', () => {
    refused({ PUBLIC_URL: 'zvh.example.nl' }, /PUBLIC_URL must be a URL/);
    refused({ PUBLIC_URL: 'not a url' }, /PUBLIC_URL must be a URL/);
  });
  it('on a bad LOG_LEVEL', () => {
    refused({ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
  it('on a bad DEMO, NODE_ENV or DATABASE_URL', () => {
    refused({ DEMO: 'misschien' }, /DEMO must be 1\/true or 0\/false/);
    refused({ NODE_ENV: 'staging' }, /NODE_ENV must be development, production or test/);
    refused({ DATABASE_URL: 'mysql://localhost/zvh' }, /DATABASE_URL must start with postgres:\/\//);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, also with PUBLIC_URL set', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ PUBLIC_URL: 'https://zvh.example.nl' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });
  it('takes a hop count', () => {
    expect(load({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(load({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
  });
  it('takes a comma-separated list of addresses and CIDRs', () => {
    expect(load({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1,fd00::/8,loopback' }).trustProxy)
      .toEqual(['10.0.0.5', '192.168.1.0/24', '::1', 'fd00::/8', 'loopback']);
  });
  it('refuses anything else with a clear message', () => {
    refused({ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a hop count/);
    refused({ TRUST_PROXY: 'proxy.example.nl' }, /TRUST_PROXY must be a hop count/);
    refused({ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/);
    refused({ TRUST_PROXY: '10.0.0.1,' + '300.1.1.1' }, /TRUST_PROXY/);
    refused({ TRUST_PROXY: '1000' }, /TRUST_PROXY must be a small hop count/);
  });
});
