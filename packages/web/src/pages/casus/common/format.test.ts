// SPDX-License-Identifier: EUPL-1.2
// Moments are shown in Dutch time whatever the browser's (or the test runner's) time zone; calendar
// dates are never shifted.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDate } from './format';

describe('date formatting', () => {
  it('shows a moment in Europe/Amsterdam: 08:00 UTC in winter is 09:00', () => {
    expect(formatDateTime('2026-12-01T08:00:00.000Z')).toContain('09:00');
    expect(formatDateTime('2026-07-01T08:00:00.000Z')).toContain('10:00');
  });
  it('shows the Dutch calendar day of a late-evening moment (23:30 UTC on 31 Dec is 1 Jan in Assen)', () => {
    expect(formatDate('2026-12-31T23:30:00.000Z')).toMatch(/1 januari 2027/);
    expect(formatShortDate('2026-12-31T23:30:00.000Z')).toMatch(/2027/);
  });
  it('never shifts a calendar date', () => {
    expect(formatDate('2026-12-31')).toMatch(/31 december 2026/);
    expect(formatDate('2027-01-01')).toMatch(/1 januari 2027/);
  });
});
