// SPDX-License-Identifier: EUPL-1.2
// Fresh authentication in the api client: a 403 fresh_auth_required asks the registered handler
// (the reauth dialog) and, when it succeeds, sends the same request once more.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setFreshAuthHandler } from './client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const freshAuthRequired = () => json(403, { error: { code: 'fresh_auth_required', message: 'Bevestig opnieuw' } });

afterEach(() => {
  setFreshAuthHandler(undefined);
  vi.unstubAllGlobals();
});

describe('fresh authentication', () => {
  it('asks the handler and retries the request once after it succeeded', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(freshAuthRequired()).mockResolvedValueOnce(json(200, { codes: ['a'] }));
    vi.stubGlobal('fetch', fetch);
    const handler = vi.fn().mockResolvedValue(true);
    setFreshAuthHandler(handler);
    await expect(api.post('/api/account/recovery-codes', {})).resolves.toEqual({ codes: ['a'] });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![0]).toBe('/api/account/recovery-codes');
    expect(fetch.mock.calls[1]![1]).toMatchObject({ method: 'POST', body: '{}' });
  });

  it('keeps the 403 when the user cancels the dialog', async () => {
    const fetch = vi.fn().mockImplementation(() => Promise.resolve(freshAuthRequired()));
    vi.stubGlobal('fetch', fetch);
    setFreshAuthHandler(() => Promise.resolve(false));
    const err = await api.del('/api/account/passkeys/1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('fresh_auth_required');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('retries only once, and leaves other 403 answers alone', async () => {
    const fetch = vi.fn().mockImplementation(() => Promise.resolve(freshAuthRequired()));
    vi.stubGlobal('fetch', fetch);
    const handler = vi.fn().mockResolvedValue(true);
    setFreshAuthHandler(handler);
    await expect(api.post('/api/admin/users/x/reset-factors')).rejects.toMatchObject({ code: 'fresh_auth_required' });
    expect(fetch).toHaveBeenCalledTimes(2);
    fetch.mockImplementation(() => Promise.resolve(json(403, { error: { code: 'forbidden', message: 'Geen toegang' } })));
    await expect(api.get('/api/cases')).rejects.toMatchObject({ code: 'forbidden' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('without a handler the 403 stands', async () => {
    vi.stubGlobal('fetch', vi.fn().mockImplementation(() => Promise.resolve(freshAuthRequired())));
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 403, code: 'fresh_auth_required' });
  });
});
