// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { isActivePath } from './paths';

describe('isActivePath', () => {
  it('marks the exact page and its sub-pages', () => {
    expect(isActivePath('/beheer', '/beheer')).toBe(true);
    expect(isActivePath('/beheer/gebruikers', '/beheer')).toBe(true);
    expect(isActivePath('/beheer/', '/beheer')).toBe(true);
  });

  it('does not match on a shared prefix of a word', () => {
    expect(isActivePath('/beheerder', '/beheer')).toBe(false);
  });

  it('matches the start page only exactly', () => {
    expect(isActivePath('/', '/')).toBe(true);
    expect(isActivePath('/account', '/')).toBe(false);
  });

  it('honours end', () => {
    expect(isActivePath('/beheer/gebruikers', '/beheer', true)).toBe(false);
  });
});
