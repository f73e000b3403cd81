// SPDX-License-Identifier: EUPL-1.2
// Every change of status goes through here, which consults the one transition table in
// @zvh/shared/workflow. Anything not in the table is refused with 409 invalid_transition.
import { nextStatus } from '@zvh/shared';
import type { Action, Status } from '@zvh/shared';
import { ConflictError } from './errors.js';

export function transition(from: Status, action: Action): Status {
  const to = nextStatus(from, action);
  if (!to) {
    throw new ConflictError('invalid_transition', `Deze stap (${action}) is niet mogelijk vanuit status "${from}"`, { from, action });
  }
  return to;
}
