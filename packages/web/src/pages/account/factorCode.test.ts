// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { checkFactorCode } from './factorCode';

describe('checkFactorCode', () => {
  it('takes six digits from the app, also typed with a space', () => {
    expect(checkFactorCode('123456')).toEqual({ otp: '123456' });
    expect(checkFactorCode(' 123 456 ')).toEqual({ otp: '123456' });
  });

  it('takes a recovery code with or without dashes, in either case', () => {
    expect(checkFactorCode('abcd-efgh-jkmn-pq23')).toEqual({ otp: 'abcdefghjkmnpq23' });
    expect(checkFactorCode('ABCDEFGHJKMNPQ23')).toEqual({ otp: 'abcdefghjkmnpq23' });
  });

  it('asks for a code when there is none', () => {
    expect(checkFactorCode('')).toEqual({ error: 'required' });
    expect(checkFactorCode('  - ')).toEqual({ error: 'required' });
  });

  it('refuses what is neither: too few or too many digits, a short word, a recovery code one character off', () => {
    for (const v of ['12345', '1234567', 'geheim', 'abcd-efgh-jkmn-pq2', 'abcd-efgh-jkmn-pq234', '12345a']) {
      expect(checkFactorCode(v)).toEqual({ error: 'format' });
    }
  });
});
