// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, validateNewPassword } from './passwordRules';

const messages = { currentRequired: 'current', tooShort: 'short', sameAsCurrent: 'same', noMatch: 'match' };

describe('validateNewPassword', () => {
  it('accepts a long enough, repeated, new password', () => {
    expect(validateNewPassword({ currentPassword: 'oud-wachtwoord', newPassword: 'een lange zin van woorden', repeatPassword: 'een lange zin van woorden' }, messages)).toEqual({});
  });

  it(`requires at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    const pw = 'x'.repeat(MIN_PASSWORD_LENGTH - 1);
    expect(validateNewPassword({ currentPassword: 'a', newPassword: pw, repeatPassword: pw }, messages)).toEqual({ newPassword: 'short' });
  });

  it('reports a missing current password, a reused one and a mismatch', () => {
    expect(validateNewPassword({ currentPassword: '', newPassword: 'abcdefghijklm', repeatPassword: 'abcdefghijklm' }, messages)).toEqual({ currentPassword: 'current' });
    expect(validateNewPassword({ currentPassword: 'abcdefghijklm', newPassword: 'abcdefghijklm', repeatPassword: 'abcdefghijklm' }, messages)).toEqual({ newPassword: 'same' });
    expect(validateNewPassword({ currentPassword: 'a', newPassword: 'abcdefghijklm', repeatPassword: 'abcdefghijklX' }, messages)).toEqual({ repeatPassword: 'match' });
  });
});
