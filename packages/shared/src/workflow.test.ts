// SPDX-License-Identifier: EUPL-1.2
// The one transition table: every (status, action) pair, the actions offered per status, and the
// national triage rule as a full truth table.
import { describe, expect, it } from 'vitest';
import { allowedActions, isCaseOpen, meetsProcesregieCriteria, nextStatus, OPEN_CASE_STATUSES, STATUS_LABELS, STATUSES, TRANSITIONS } from './workflow.js';
import type { Action, Status } from './workflow.js';

const ACTIONS: Action[] = ['start_triage', 'terugleggen', 'doorverwijzen', 'advies', 'procesregie', 'close', 'reopen', 'beantwoorden', 'naar_procesregie', 'triage_heropenen'];

/** The expected table, written out by hand: from -> action -> to. Everything else is refused. */
const EXPECTED: Partial<Record<Status, Partial<Record<Action, Status>>>> = {
  aangemeld: { start_triage: 'in_triage', terugleggen: 'teruggelegd', doorverwijzen: 'doorverwezen', advies: 'advies', procesregie: 'procesregie_lopend', beantwoorden: 'beantwoord' },
  in_triage: { terugleggen: 'teruggelegd', doorverwijzen: 'doorverwezen', advies: 'advies', procesregie: 'procesregie_lopend', beantwoorden: 'beantwoord' },
  advies: { close: 'afgesloten', naar_procesregie: 'afgesloten' },
  procesregie_lopend: { close: 'afgesloten', triage_heropenen: 'in_triage' },
  heropend: { close: 'afgesloten' },
  afgesloten: { reopen: 'heropend' },
  teruggelegd: {},
  doorverwezen: {},
  beantwoord: {},
};

describe('workflow transition table', () => {
  const pairs = STATUSES.flatMap((from) => ACTIONS.map((action) => [from, action] as const));

  it.each(pairs)('nextStatus(%s, %s) matches the table', (from, action) => {
    expect(nextStatus(from, action)).toBe(EXPECTED[from]?.[action]);
  });

  it('has exactly the expected 17 transitions, no duplicates', () => {
    expect(TRANSITIONS).toHaveLength(17);
    const keys = TRANSITIONS.map(([f, a]) => `${f}:${a}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [from, action, to] of TRANSITIONS) {
      expect(STATUSES).toContain(from);
      expect(STATUSES).toContain(to);
      expect(ACTIONS).toContain(action);
    }
  });

  it.each(STATUSES.map((s) => [s]))('allowedActions(%s) lists exactly the actions of the table', (from) => {
    expect([...allowedActions(from)].sort()).toEqual(Object.keys(EXPECTED[from] ?? {}).sort());
  });

  it('treats teruggelegd, doorverwezen and beantwoord as final', () => {
    expect(allowedActions('teruggelegd')).toEqual([]);
    expect(allowedActions('doorverwezen')).toEqual([]);
    expect(allowedActions('beantwoord')).toEqual([]);
  });

  it('answers an information request only before a triage outcome', () => {
    expect(nextStatus('aangemeld', 'beantwoorden')).toBe('beantwoord');
    expect(nextStatus('in_triage', 'beantwoorden')).toBe('beantwoord');
    for (const s of ['teruggelegd', 'doorverwezen', 'advies', 'procesregie_lopend', 'afgesloten', 'heropend', 'beantwoord'] as const) {
      expect(nextStatus(s, 'beantwoorden')).toBeUndefined();
    }
  });

  it('never skips triage into closure, and a running case cannot be reopened', () => {
    expect(nextStatus('aangemeld', 'close')).toBeUndefined();
    expect(nextStatus('in_triage', 'close')).toBeUndefined();
    expect(nextStatus('procesregie_lopend', 'reopen')).toBeUndefined();
    expect(nextStatus('heropend', 'reopen')).toBeUndefined();
    expect(nextStatus('afgesloten', 'close')).toBeUndefined();
    expect(nextStatus('in_triage', 'start_triage')).toBeUndefined();
    // only a running advice case becomes an aanmelding for procesregie
    expect(nextStatus('procesregie_lopend', 'naar_procesregie')).toBeUndefined();
    expect(nextStatus('afgesloten', 'naar_procesregie')).toBeUndefined();
    expect(nextStatus('aangemeld', 'naar_procesregie')).toBeUndefined();
  });

  it('marks advies, procesregie_lopend and heropend as open cases, and labels every status', () => {
    expect([...OPEN_CASE_STATUSES].sort()).toEqual(['advies', 'heropend', 'procesregie_lopend']);
    for (const s of STATUSES) {
      expect(isCaseOpen(s)).toBe(['advies', 'heropend', 'procesregie_lopend'].includes(s));
      expect(STATUS_LABELS[s]).toMatch(/\S/);
    }
  });
});

describe('meetsProcesregieCriteria (landelijk kader)', () => {
  // all 16 combinations of the four criteria
  const rows = Array.from({ length: 16 }, (_, i) => {
    const c = { multiProblem: !!(i & 8), multipleChains: !!(i & 4), systemImpact: !!(i & 2), areaSafety: !!(i & 1) };
    return [c, (c.multiProblem && c.multipleChains && c.systemImpact) || c.areaSafety] as const;
  });

  it.each(rows)('%o -> %s', (criteria, expected) => {
    expect(meetsProcesregieCriteria(criteria)).toBe(expected);
  });

  it('is met by exactly 9 of the 16 combinations', () => {
    expect(rows.filter(([c]) => meetsProcesregieCriteria(c))).toHaveLength(9);
  });
});
