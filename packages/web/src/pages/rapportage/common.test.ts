// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { parseNumber, reportQuery, yearOptions } from './common';

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
});
