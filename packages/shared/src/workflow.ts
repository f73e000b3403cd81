// SPDX-License-Identifier: EUPL-1.2
// The states of a registration (aanmelding) and a case (casus) and every allowed transition,
// in one table. Every change of state in the server goes through `transition()`; the web app
// uses the same table to offer only the actions that are allowed.

export const STATUSES = [
  'aangemeld', // registration made, waiting for triage
  'in_triage', // triage (weegoverleg) started
  'teruggelegd', // returned to the registrant with advice (final for the registration)
  'doorverwezen', // referred elsewhere (final for the registration)
  'advies', // advice case running: direction stays with the registrant
  'procesregie_lopend', // procesregie case running
  'afgesloten', // case closed
  'heropend', // case reopened after closure; behaves as running
  'beantwoord', // information request (informatievraag) answered by the informatiemakelaar (final)
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  aangemeld: 'Aangemeld',
  in_triage: 'In triage',
  teruggelegd: 'Teruggelegd',
  doorverwezen: 'Doorverwezen',
  advies: 'Advies',
  procesregie_lopend: 'Procesregie lopend',
  afgesloten: 'Afgesloten',
  heropend: 'Heropend',
  beantwoord: 'Beantwoord',
};

export type Action = 'start_triage' | 'terugleggen' | 'doorverwijzen' | 'advies' | 'procesregie' | 'close' | 'reopen' | 'beantwoorden' | 'naar_procesregie' | 'triage_heropenen';

/** The one table: [from, action, to]. */
export const TRANSITIONS: readonly (readonly [Status, Action, Status])[] = [
  ['aangemeld', 'start_triage', 'in_triage'],
  ['aangemeld', 'terugleggen', 'teruggelegd'],
  ['aangemeld', 'doorverwijzen', 'doorverwezen'],
  ['aangemeld', 'advies', 'advies'],
  ['aangemeld', 'procesregie', 'procesregie_lopend'],
  ['in_triage', 'terugleggen', 'teruggelegd'],
  ['in_triage', 'doorverwijzen', 'doorverwezen'],
  ['in_triage', 'advies', 'advies'],
  ['in_triage', 'procesregie', 'procesregie_lopend'],
  ['advies', 'close', 'afgesloten'],
  // follow-up of an advice case: it ends and becomes a new aanmelding for procesregie in one step
  // (the new registration starts in `aangemeld` and points back at the advice case: history kept)
  ['advies', 'naar_procesregie', 'afgesloten'],
  ['procesregie_lopend', 'close', 'afgesloten'],
  ['heropend', 'close', 'afgesloten'],
  ['afgesloten', 'reopen', 'heropend'],
  // an information request is answered by the informatiemakelaar (before or during triage)
  ['aangemeld', 'beantwoorden', 'beantwoord'],
  ['in_triage', 'beantwoorden', 'beantwoord'],
  // four eyes (6 of 7): a procesregie override of the triage criteria starts the case, and a second
  // person reviews it after the fact; a rejection closes that case and puts the registration back in triage
  ['procesregie_lopend', 'triage_heropenen', 'in_triage'],
] as const;

export function nextStatus(from: Status, action: Action): Status | undefined {
  return TRANSITIONS.find(([f, a]) => f === from && a === action)?.[2];
}

export function allowedActions(from: Status): Action[] {
  return TRANSITIONS.filter(([f]) => f === from).map(([, a]) => a);
}

/** Statuses in which a case is open for work (plan, agreements, journal). */
export const OPEN_CASE_STATUSES: Status[] = ['advies', 'procesregie_lopend', 'heropend'];
export const isCaseOpen = (s: Status) => OPEN_CASE_STATUSES.includes(s);

/** The national triage rule: (multiProblem and multipleChains and systemImpact) or areaSafety. */
export interface TriageCriteria { multiProblem: boolean; multipleChains: boolean; systemImpact: boolean; areaSafety: boolean }
export function meetsProcesregieCriteria(c: TriageCriteria): boolean {
  return (c.multiProblem && c.multipleChains && c.systemImpact) || c.areaSafety;
}

/** The outcomes of triage (reference-data.md), one list for server and web. */
export const TRIAGE_OUTCOMES = ['procesregie', 'advies', 'terugleggen', 'doorverwijzen'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];
