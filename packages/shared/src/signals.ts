// SPDX-License-Identifier: EUPL-1.2
// Signaalfunctie (issue 10): the statuses of a signal and the allowed changes, shared by the
// server (which refuses anything else) and the web app (which offers only these).
export const SIGNAL_STATUSES = ['open', 'verzonden', 'in-behandeling', 'opgelost'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const SIGNAL_STATUS_LABELS: Record<SignalStatus, string> = {
  open: 'Open (nog niet verzonden)',
  verzonden: 'Verzonden',
  'in-behandeling': 'In behandeling',
  opgelost: 'Opgelost',
};

/** [from, to]: a signal is sent once; after that it is taken up and solved. */
export const SIGNAL_TRANSITIONS: readonly (readonly [SignalStatus, SignalStatus])[] = [
  ['open', 'verzonden'],
  ['verzonden', 'in-behandeling'],
  ['verzonden', 'opgelost'],
  ['in-behandeling', 'opgelost'],
  ['opgelost', 'in-behandeling'],
] as const;

export function signalStatusAllowed(from: SignalStatus, to: SignalStatus): boolean {
  return SIGNAL_TRANSITIONS.some(([f, t]) => f === from && t === to);
}

/** Escalation levels, in order: the partner's management first, then the stuurgroep. */
export const ESCALATION_LEVELS = ['management', 'stuurgroep'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
