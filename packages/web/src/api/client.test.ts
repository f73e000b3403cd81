// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest';
import { ApiError, isAuthRoute, parseError } from './client';
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
  it('exempts only /api/auth/ from the sign-in redirect', () => {
    expect(isAuthRoute('/api/auth/login')).toBe(true);
    expect(isAuthRoute('/api/auth/me')).toBe(true);
    expect(isAuthRoute('/api/admin/users')).toBe(false);
    expect(isAuthRoute('/api/account/totp/setup')).toBe(false);
  });
});
