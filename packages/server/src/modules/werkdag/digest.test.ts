// SPDX-License-Identifier: EUPL-1.2
// The daily e-mail digest, sent to a real SMTP server on 127.0.0.1 started here: the mail
// arrives, links to the start page, holds no personal data of the cases, and goes once per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, register } from '../../test/fixtures.js';
import { loadConfig, ConfigError } from '../../core/config.js';
import { addDays, amsterdamDate } from '../../core/day-sections.js';
import { sendDailyDigests } from './digest.js';

interface Received { from: string; to: string[]; raw: string }
let env: TestEnv;
let pol: TestClient, reg: TestClient;
let smtp: SMTPServer;
let port = 0;
let received: Received[] = [];
let refuse = false;

beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = await Promise.all(['politie', 'regisseur'].map((u) => env.as(`${u}@demo.zvh`)));
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) return cb(new Error('mailbox unavailable'));
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await env?.close();
});

const PUBLIC_URL = 'https://zvh.example.nl';
const deps = () => ({ db: env.database.db, smtp: { host: '127.0.0.1', port, secure: false, from: 'ZVH Casussysteem <noreply@zvh.example.nl>' }, publicUrl: PUBLIC_URL });
/** The mail's body with quoted-printable soft line breaks and encodings undone. */
const body = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('daily digest', () => {
  it('sends one mail per user with counts and the link, no personal data, once per day', async () => {
    const subject = freshSubject({ firstName: 'Jolanda', lastName: 'Vermeulenstra' });
    const { caseId } = await openCaseWith(pol, reg, { subject });
    const title = 'Huisbezoek bij de Dorpsstraat afleggen';
    expect((await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title, dueDate: addDays(amsterdamDate(new Date()), -2) })).status).toBe(201);
    expect((await pol.post(`/api/cases/${caseId}/journal`, { text: 'Vertrouwelijke notitie over de Dorpsstraat', visibility: 'all' })).status).toBe(201);
    await register(pol, { subject: freshSubject({ firstName: 'Hendrikus', lastName: 'Wachtlijstma' }) });

    received = [];
    const now = new Date();
    const r = await sendDailyDigests(deps(), now);
    expect(r.failed).toBe(0);
    expect(r.sent).toBeGreaterThanOrEqual(2);
    const toPolitie = received.filter((m) => m.to.includes('politie@demo.zvh'));
    expect(toPolitie).toHaveLength(1);
    const mail = body(toPolitie[0]!.raw);
    expect(toPolitie[0]!.from).toBe('noreply@zvh.example.nl');
    expect(mail).toContain(`${PUBLIC_URL}/`);
    expect(mail).toMatch(/waarvan 1 te laat/);
    // no name, no BSN, no case text, no agreement title, not the recipient's name either
    for (const secret of ['Jolanda', 'Vermeulenstra', String(subject.bsn), 'Dorpsstraat', title, 'Hendrikus', 'Wachtlijstma', 'Peter Politie']) {
      expect(mail).not.toContain(secret);
    }
    const toRegisseur = received.filter((m) => m.to.includes('regisseur@demo.zvh'));
    expect(toRegisseur).toHaveLength(1);
    expect(body(toRegisseur[0]!.raw)).toMatch(/aanmelding(en)? wacht(en)? op triage/);
    expect(body(toRegisseur[0]!.raw)).not.toContain('Wachtlijstma');

    // once per day: a second run the same day (even hours later) sends nothing
    received = [];
    const again = await sendDailyDigests(deps(), new Date(now.getTime() + 60_000));
    expect(again.sent).toBe(0);
    expect(received).toEqual([]);
    // the next day it is sent again
    const tomorrow = await sendDailyDigests(deps(), new Date(now.getTime() + 24 * 3600_000));
    expect(tomorrow.sent).toBe(r.sent);
    expect(received.filter((m) => m.to.includes('politie@demo.zvh'))).toHaveLength(1);
  });

  it('a refused mail is not recorded as sent and goes out on the next run', async () => {
    const day = new Date(Date.now() + 3 * 24 * 3600_000);
    refuse = true;
    received = [];
    const r = await sendDailyDigests(deps(), day);
    refuse = false;
    expect(r.sent).toBe(0);
    expect(r.failed).toBeGreaterThan(0);
    const retry = await sendDailyDigests(deps(), day);
    expect(retry.sent).toBe(r.failed);
    expect(retry.failed).toBe(0);
  });

  it('sends nothing without SMTP configuration', async () => {
    received = [];
    const r = await sendDailyDigests({ ...deps(), smtp: undefined }, new Date(Date.now() + 10 * 24 * 3600_000));
    expect(r.sent).toBe(0);
    expect(received).toEqual([]);
  });
});

describe('SMTP configuration', () => {
  it('is off when unset, and reads SMTP_URL or SMTP_HOST/PORT/FROM with PUBLIC_URL', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, []).smtp).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.example.nl:25', SMTP_FROM: 'zvh@example.nl', PUBLIC_URL: PUBLIC_URL }, []).smtp)
      .toEqual({ url: 'smtp://mail.example.nl:25', from: 'zvh@example.nl' });
    expect(loadConfig({ NODE_ENV: 'test', SMTP_HOST: 'mail.example.nl', SMTP_FROM: 'zvh@example.nl', PUBLIC_URL: PUBLIC_URL }, []).smtp)
      .toMatchObject({ host: 'mail.example.nl', port: 587, secure: false, from: 'zvh@example.nl' });
    expect(loadConfig({ NODE_ENV: 'test', SMTP_HOST: 'mail.example.nl', SMTP_PORT: '465', SMTP_FROM: 'zvh@example.nl', PUBLIC_URL: PUBLIC_URL }, []).smtp)
      .toMatchObject({ port: 465, secure: true });
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_HOST: 'mail.example.nl', PUBLIC_URL: PUBLIC_URL }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_HOST: 'mail.example.nl', SMTP_FROM: 'zvh@example.nl' }, [])).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'http://x', SMTP_FROM: 'zvh@example.nl', PUBLIC_URL: PUBLIC_URL }, [])).toThrow(/smtp:\/\//);
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_HOST: 'h', SMTP_PORT: 'x', SMTP_FROM: 'zvh@example.nl', PUBLIC_URL: PUBLIC_URL }, [])).toThrow(/SMTP_PORT/);
  });
});
