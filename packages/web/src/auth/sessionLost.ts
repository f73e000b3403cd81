// SPDX-License-Identifier: EUPL-1.2
// What happens when a request finds the session gone (a 401 outside sign-in): the signed-in user is
// forgotten, the sign-in page says the session ended (only if someone was signed in), and the user
// goes back to the sign-in page, which returns to the page they were on afterwards.

export interface SessionLostDeps {
  /** Whether a user was signed in when the 401 came. */
  hadUser: () => boolean;
  clearUser: () => void;
  markExpired: () => void;
  location: () => { pathname: string; search: string };
  navigate: (to: string, options: { replace: true; state: { from: string } }) => void;
}

export const SIGN_IN_PATH = '/inloggen';

export function handleSessionLost(deps: SessionLostDeps): void {
  if (deps.hadUser()) deps.markExpired();
  deps.clearUser();
  const { pathname, search } = deps.location();
  if (pathname !== SIGN_IN_PATH) deps.navigate(SIGN_IN_PATH, { replace: true, state: { from: pathname + search } });
}
