// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { initialVisibility, JOURNAL_WITHDRAW_MINUTES, JOURNAL_WITHDRAW_MS, VISIBILITIES } from './visibility.js';

describe('journal and document visibility', () => {
  it('starts a form on "alleen ZVH" for ZVH staff and on no choice for partners (never on "alle deelnemers")', () => {
    expect(initialVisibility(true)).toBe('zvh');
    expect(initialVisibility(false)).toBeNull();
  });
  it('offers exactly zvh, all and selected, and a short withdrawal period', () => {
    expect([...VISIBILITIES]).toEqual(['zvh', 'all', 'selected']);
    expect(JOURNAL_WITHDRAW_MS).toBe(JOURNAL_WITHDRAW_MINUTES * 60_000);
    expect(JOURNAL_WITHDRAW_MINUTES).toBeLessThanOrEqual(15);
  });
});
