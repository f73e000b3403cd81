// SPDX-License-Identifier: EUPL-1.2
// Counts in-app navigations, so a page knows whether it was reached by navigating (move focus to
// its heading) or by loading the app (leave focus where the browser puts it).
import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

const NavigationCountContext = createContext(0);

export function NavigationCounter({ children }: { children: ReactNode }) {
  const location = useLocation();
  const state = useRef({ key: location.key, count: 0 });
  if (state.current.key !== location.key) state.current = { key: location.key, count: state.current.count + 1 };
  return <NavigationCountContext.Provider value={state.current.count}>{children}</NavigationCountContext.Provider>;
}

export const useNavigationCount = () => useContext(NavigationCountContext);
