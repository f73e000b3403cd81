// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { SIGNAL_STATUSES, signalStatusAllowed } from './signals.js';

describe('signal statuses', () => {
  it('sends a signal once: open only goes to verzonden, nothing goes back to open', () => {
    for (const to of SIGNAL_STATUSES) expect(signalStatusAllowed('open', to)).toBe(to === 'verzonden');
    for (const from of SIGNAL_STATUSES) expect(signalStatusAllowed(from, 'open')).toBe(false);
    expect(signalStatusAllowed('verzonden', 'in-behandeling')).toBe(true);
    expect(signalStatusAllowed('in-behandeling', 'opgelost')).toBe(true);
    expect(signalStatusAllowed('opgelost', 'verzonden')).toBe(false);
  });
});
