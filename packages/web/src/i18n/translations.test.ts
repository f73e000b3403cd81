// SPDX-License-Identifier: EUPL-1.2
import { CODE_LISTS, ROLE_LABELS, ROLES } from '@zvh/shared';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import nl from './nl.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translations', () => {
  it('has the same keys in Dutch and English', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it('uses the shared Dutch role labels', () => {
    for (const role of ROLES) expect(nl.roles[role]).toBe(ROLE_LABELS[role]);
  });

  it('names every code list', () => {
    for (const list of Object.keys(CODE_LISTS)) expect(Object.keys(nl.codeLists.names)).toContain(list);
  });

  it('has the texts the sign-in page must show', () => {
    expect(nl.login.title).toBe('Inloggen');
    expect(nl.login.email).toBe('E-mailadres');
    expect(nl.login.password).toBe('Wachtwoord');
    expect(nl.login.otp).toBe('Verificatiecode');
    expect(nl.login.submit).toBe('Inloggen');
    expect(nl.errors.invalid_credentials).toBe('E-mailadres of wachtwoord onjuist');
    expect(nl.layout.skipLink).toBe('Naar de inhoud');
    expect(nl.layout.logout).toBe('Uitloggen');
    expect(nl.notFound.title).toBe('Pagina niet gevonden');
  });
});
