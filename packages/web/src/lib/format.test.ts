// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { formatDateTime, parseTimestamp } from './format';

describe('parseTimestamp', () => {
  it('reads PostgreSQL text timestamps', () => {
    expect(parseTimestamp('2026-11-23 18:36:15.672+00')?.toISOString()).toBe('2026-11-23T18:36:15.672Z');
    expect(parseTimestamp('2026-11-23 18:36:15+01')?.toISOString()).toBe('2026-11-23T17:36:15.000Z');
    expect(parseTimestamp('2026-11-23 18:36:15+05:30')?.toISOString()).toBe('2026-11-23T13:06:15.000Z');
  });

  it('reads ISO timestamps', () => {
    expect(parseTimestamp('2026-11-23T18:36:15.672Z')?.toISOString()).toBe('2026-11-23T18:36:15.672Z');
  });

  it('returns null for nonsense', () => {
    expect(parseTimestamp('gisteren')).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('shows Dutch local time', () => {
    expect(formatDateTime('2026-11-23 18:36:15+00', 'nl')).toMatch(/23 nov.* 2026.*19:36/);
  });

  it('falls back to the raw value', () => {
    expect(formatDateTime('onbekend', 'nl')).toBe('onbekend');
  });
});
