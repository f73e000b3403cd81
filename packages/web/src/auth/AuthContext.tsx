// SPDX-License-Identifier: EUPL-1.2
// Who is signed in. Loads /api/auth/me once, and sends the user back to the sign-in page when a
// request outside sign-in and "who am I" finds the session gone (see handleSessionLost).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api, setUnauthorizedHandler } from '../api/client';
import type { Me } from '../api/types';
import { handleSessionLost } from './sessionLost';
import { ReauthDialog } from './ReauthDialog';

export interface LoginInput {
  email: string;
  password: string;
  /** A TOTP code or a recovery code. */
  otp?: string;
  /** A passkey assertion (@simplewebauthn/browser) as the second factor. */
  passkey?: unknown;
}

export type AuthStatus = 'loading' | 'ready' | 'error';

export interface AuthValue {
  user: Me | null;
  status: AuthStatus;
  /** Set when the session ended by itself (not by signing out). */
  sessionExpired: boolean;
  /** Set after "Uitloggen": the next sign-in starts on the start page, not on the last page. */
  signedOut: boolean;
  login: (input: LoginInput) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reload the signed-in user (after a password or TOTP change). */
  refresh: () => Promise<void>;
  /** Retry the first load after a network error. */
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [sessionExpired, setSessionExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;
  const userRef = useRef(user);
  userRef.current = user;

  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    api
      .get<{ user: Me }>('/api/auth/me', controller.signal)
      .then(({ user: me }) => {
        setUser(me);
        setStatus('ready');
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) {
          setUser(null);
          setStatus('ready');
        } else {
          setStatus('error');
        }
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    setUnauthorizedHandler(() =>
      handleSessionLost({
        hadUser: () => userRef.current !== null,
        clearUser: () => setUser(null),
        markExpired: () => setSessionExpired(true),
        location: () => locationRef.current,
        navigate,
      }),
    );
  }, [navigate]);

  const login = useCallback(async (input: LoginInput) => {
    const body: LoginInput = { email: input.email, password: input.password };
    if (input.otp) body.otp = input.otp;
    if (input.passkey) body.passkey = input.passkey;
    const { user: me } = await api.post<{ user: Me }>('/api/auth/login', body);
    setSessionExpired(false);
    setSignedOut(false);
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // Signed out locally either way; the server session expires by itself.
    } finally {
      setSessionExpired(false);
      setSignedOut(true);
      setUser(null);
      navigate('/inloggen', { replace: true });
    }
  }, [navigate]);

  const refresh = useCallback(async () => {
    const { user: me } = await api.get<{ user: Me }>('/api/auth/me');
    setUser(me);
  }, []);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  const value = useMemo<AuthValue>(
    () => ({ user, status, sessionExpired, signedOut, login, logout, refresh, retry }),
    [user, status, sessionExpired, signedOut, login, logout, refresh, retry],
  );
  return (
    <AuthContext.Provider value={value}>
      {children}
      {user && <ReauthDialog />}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind the sign-in. */
export function useUser(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
