// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { attendeesOf, frequencyRuleOf } from './types';

describe('frequencyRuleOf', () => {
  it('reads the rules the server stores, regions and all', () => {
    expect(frequencyRuleOf({ kind: 'adhoc', regions: ['noord'] })).toEqual({ kind: 'adhoc' });
    expect(frequencyRuleOf({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30', intervalWeeks: 2, anchor: '2026-01-06', excludedMonths: [7, 8], regions: ['noord'] }))
      .toEqual({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30', intervalWeeks: 2, anchor: '2026-01-06', excludedMonths: [7, 8] });
    expect(frequencyRuleOf({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30' })).toEqual({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30' });
    expect(frequencyRuleOf({ kind: 'monthly', nth: -1, weekday: 4, start: '09:00', end: '10:00' })).toEqual({ kind: 'monthly', nth: -1, weekday: 4, start: '09:00', end: '10:00' });
  });

  it('is null for what is not a rule', () => {
    expect(frequencyRuleOf(null)).toBeNull();
    expect(frequencyRuleOf('weekly')).toBeNull();
    expect(frequencyRuleOf({ kind: 'daily', weekday: 1, start: '09:00', end: '10:00' })).toBeNull();
    expect(frequencyRuleOf({ kind: 'weekly', weekday: '2', start: '09:00', end: '10:30' })).toBeNull();
    expect(frequencyRuleOf({ kind: 'monthly', nth: 5, weekday: 4, start: '09:00', end: '10:00' })).toBeNull();
    expect(frequencyRuleOf({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30', excludedMonths: ['7'] })).toBeNull();
  });
});

describe('attendeesOf', () => {
  it('keeps the attendees and leaves out what is not one', () => {
    expect(attendeesOf([{ organisation: 'politie', present: true }, { organisation: 'ggz', present: false }, { organisation: 'om' }, 'x', null]))
      .toEqual([{ organisation: 'politie', present: true }, { organisation: 'ggz', present: false }]);
    expect(attendeesOf(null)).toEqual([]);
    expect(attendeesOf({ organisation: 'politie', present: true })).toEqual([]);
  });
});
