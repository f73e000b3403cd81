// SPDX-License-Identifier: EUPL-1.2
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleSessionLost } from '../auth/sessionLost';
import { ApiError, api, isAuthRoute, parseError, setUnauthorizedHandler } from './client';
import { fieldErrorsOf } from './useApi';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('parseError', () => {
  it('reads code, message and details from the error body', async () => {
    const err = await parseError(
      json(422, { error: { code: 'validation', message: 'Ongeldige invoer', details: [{ field: 'newPassword', message: 'Te kort' }] } }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'validation', message: 'Ongeldige invoer' });
    expect(err.fieldErrors).toEqual([{ field: 'newPassword', message: 'Te kort' }]);
    expect(fieldErrorsOf(err)).toEqual({ newPassword: 'Te kort' });
  });

  it('keeps the status when the body is not JSON', async () => {
    const err = await parseError(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(err).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' });
    expect(err.fieldErrors).toEqual([]);
  });

  it('recognises the login codes', async () => {
    const err = await parseError(json(401, { error: { code: 'otp_required', message: 'Verificatiecode nodig' } }));
    expect(err.code).toBe('otp_required');
  });
});

describe('isAuthRoute', () => {
  it('exempts only sign-in and "who am I" from the sign-in redirect', () => {
    expect(isAuthRoute('/api/auth/login')).toBe(true);
    expect(isAuthRoute('/api/auth/me')).toBe(true);
    expect(isAuthRoute('/api/admin/users')).toBe(false);
    expect(isAuthRoute('/api/account/totp/setup')).toBe(false);
    // a 401 on the password change means the session is gone, not a wrong password (that is 422)
    expect(isAuthRoute('/api/auth/password')).toBe(false);
  });
});

const answer = (status: number, body: unknown = { error: { code: status === 401 ? 'unauthorized' : 'forbidden', message: 'x' } }) =>
  vi.fn(async () => json(status, body));
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => undefined);
});

describe('a 401 answer', () => {

  it('calls the session-lost handler once and still rejects with the ApiError', async () => {
    const lost = vi.fn();
    setUnauthorizedHandler(lost);
    vi.stubGlobal('fetch', answer(401));
    await expect(api.get('/api/cases')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(lost).toHaveBeenCalledTimes(1);
    await expect(api.post('/api/cases/1/journal', { text: 'x' })).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledTimes(2);
    await expect(api.post('/api/auth/password', { currentPassword: 'a', newPassword: 'b' })).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveBeenCalledTimes(3);
  });

  it('leaves a wrong password at sign-in and the "who am I" probe to their callers', async () => {
    const lost = vi.fn();
    setUnauthorizedHandler(lost);
    vi.stubGlobal('fetch', answer(401, { error: { code: 'invalid_credentials', message: 'E-mailadres of wachtwoord onjuist' } }));
    await expect(api.post('/api/auth/login', { email: 'a', password: 'b' })).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
    await expect(api.get('/api/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(lost).not.toHaveBeenCalled();
  });

  it('does not treat 403 or 404 as a lost session', async () => {
    const lost = vi.fn();
    setUnauthorizedHandler(lost);
    for (const status of [403, 404, 500]) {
      vi.stubGlobal('fetch', answer(status));
      await expect(api.get('/api/cases/x')).rejects.toMatchObject({ status });
    }
    expect(lost).not.toHaveBeenCalled();
  });

  it('by default (before the app registers its handler) loads the sign-in page, unless already there', async () => {
    vi.resetModules();
    const fresh = await import('./client'); // a new module: the default handler, nothing registered
    const assign = vi.fn();
    vi.stubGlobal('window', { location: { pathname: '/casussen/1', assign } });
    vi.stubGlobal('fetch', answer(401));
    await expect(fresh.api.get('/api/cases/1')).rejects.toMatchObject({ status: 401 });
    expect(assign).toHaveBeenCalledWith('/inloggen');
    vi.stubGlobal('window', { location: { pathname: '/inloggen', assign } });
    await expect(fresh.api.get('/api/cases/1')).rejects.toMatchObject({ status: 401 });
    expect(assign).toHaveBeenCalledTimes(1);
  });
});

describe('handleSessionLost (the app\'s handler)', () => {
  const deps = (pathname: string, search: string, hadUser: boolean) => ({
    hadUser: () => hadUser, clearUser: vi.fn(), markExpired: vi.fn(), location: () => ({ pathname, search }), navigate: vi.fn(),
  });

  it('forgets the user, says the session ended and goes to sign-in, remembering the page', () => {
    const d = deps('/casussen/42', '?tab=logboek', true);
    handleSessionLost(d);
    expect(d.clearUser).toHaveBeenCalledTimes(1);
    expect(d.markExpired).toHaveBeenCalledTimes(1);
    expect(d.navigate).toHaveBeenCalledWith('/inloggen', { replace: true, state: { from: '/casussen/42?tab=logboek' } });
  });

  it('does not say "session ended" when nobody was signed in, and does not navigate from the sign-in page', () => {
    const d = deps('/inloggen', '', false);
    handleSessionLost(d);
    expect(d.clearUser).toHaveBeenCalledTimes(1);
    expect(d.markExpired).not.toHaveBeenCalled();
    expect(d.navigate).not.toHaveBeenCalled();
  });

  it('is what a 401 from the API client sets off', async () => {
    const d = deps('/mijn-werk', '', true);
    setUnauthorizedHandler(() => handleSessionLost(d));
    vi.stubGlobal('fetch', answer(401));
    await expect(api.get('/api/my-work')).rejects.toMatchObject({ status: 401 });
    expect(d.clearUser).toHaveBeenCalled();
    expect(d.navigate).toHaveBeenCalledWith('/inloggen', { replace: true, state: { from: '/mijn-werk' } });
  });
});
