// SPDX-License-Identifier: EUPL-1.2
// A message for the next page, set just before the route changes by itself (after the forced
// password change the whole route tree is swapped, so navigation state would be lost).
import { useEffect, useState } from 'react';

export type Flash = 'passwordChanged' | 'enrolmentDone';

let pending: Flash | null = null;

export function setFlash(flash: Flash): void {
  pending = flash;
}

/** The message left for this page, if any; it is shown once. */
export function useFlash(): Flash | null {
  const [flash] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return flash;
}
