// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { lastCompleteQuarter, parseNumber, periodQuery, reportQuery, yearOptions } from './common';

describe('report page helpers', () => {
  it('builds the report query with only the filters that are set', () => {
    expect(reportQuery(2020, '', '')).toBe('year=2020');
    expect(reportQuery(2020, 'noord', 'GM0106')).toBe('year=2020&region=noord&municipality=GM0106');
  });
  it('offers the years newest first from 2008', () => {
    const years = yearOptions(2021).map((o) => o.value);
    expect(years[0]).toBe('2021');
    expect(years.at(-1)).toBe('2008');
  });
  it('reads numbers with a comma or a point as decimal sign', () => {
    expect(parseNumber('0,763')).toBe(0.763);
    expect(parseNumber(' 1400 ')).toBe(1400);
    expect(parseNumber('2.78')).toBe(2.78);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1.234,5')).toBeNaN();
  });
  it('builds the period query for a quarter or a range', () => {
    expect(periodQuery({ kind: 'kwartaal', year: 2026, quarter: 2 }, '', '')).toBe('year=2026&quarter=2');
    expect(periodQuery({ kind: 'periode', from: '2025-12-01', to: '2026-01-31' }, 'noord', '')).toBe('from=2025-12-01&to=2026-01-31&region=noord');
  });
  it('takes the last quarter that has ended', () => {
    expect(lastCompleteQuarter(new Date(2026, 0, 1))).toEqual({ year: 2025, quarter: 4 });
    expect(lastCompleteQuarter(new Date(2026, 2, 31))).toEqual({ year: 2025, quarter: 4 });
    expect(lastCompleteQuarter(new Date(2026, 3, 1))).toEqual({ year: 2026, quarter: 1 });
    expect(lastCompleteQuarter(new Date(2026, 11, 31))).toEqual({ year: 2026, quarter: 3 });
  });
});
