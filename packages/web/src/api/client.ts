// SPDX-License-Identifier: EUPL-1.2
// The one way the web app talks to the server: same-origin cookies, JSON in and out, and every
// non-2xx answer turned into an ApiError from the body {"error":{"code","message","details"}}.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation details as [{field, message}], or [] when the server sent none. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError => typeof d === 'object' && d !== null && typeof (d as FieldError).field === 'string' && typeof (d as FieldError).message === 'string',
    );
  }
}

/** Code used when the server could not be reached at all. */
export const NETWORK_ERROR = 'network_error';

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/inloggen') window.location.assign('/inloggen');
};

/** The auth context registers how a lost session is handled (back to the sign-in page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

/**
 * The routes that answer 401 as part of their normal work: sign-in (wrong password or code) and
 * "who am I" (not signed in; the auth context handles that itself). A 401 anywhere else, including
 * the password change, means the session is gone.
 */
export function isAuthRoute(path: string): boolean {
  const p = path.split('?')[0];
  return p === '/api/auth/login' || p === '/api/auth/me';
}

/**
 * Fresh authentication: a route marked freshAuth answers 403 `fresh_auth_required` on a session
 * that has not proved password and second factor recently. The auth context registers a handler
 * that asks for them again (a dialog, POST /api/auth/reauth) and resolves true when done; the
 * request is then sent once more. Without a handler, or when the user cancels, the 403 stands.
 */
type FreshAuthHandler = () => Promise<boolean>;
let onFreshAuthRequired: FreshAuthHandler | undefined;
export function setFreshAuthHandler(handler: FreshAuthHandler | undefined): void {
  onFreshAuthRequired = handler;
}
export const FRESH_AUTH_REQUIRED = 'fresh_auth_required';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function parseError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let details: unknown;
  try {
    const body: unknown = await res.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === 'object' && error !== null) {
      const e = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof e.code === 'string') code = e.code;
      if (typeof e.message === 'string') message = e.message;
      details = e.details;
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the status text.
  }
  return new ApiError(res.status, code, message, details);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await sendFresh(path, options);
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** send(), and once more after a fresh authentication when the route asks for one. */
async function sendFresh(path: string, options: RequestOptions): Promise<Response> {
  try {
    return await send(path, options);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403 && err.code === FRESH_AUTH_REQUIRED && onFreshAuthRequired && (await onFreshAuthRequired())) {
      return send(path, options);
    }
    throw err;
  }
}

/** One page of a paged list (server core/paging): the rows, the total and the next page's URL. */
export interface ListPage<T> {
  items: T[];
  /** X-Total-Count: every row the filter matches; null when the server sent none. */
  total: number | null;
  /** The path of the next page (Link rel="next"), or null on the last page. */
  next: string | null;
}

/** GETs one page of a paged list, reading X-Total-Count and Link: <...>; rel="next". */
export async function requestPage<T>(path: string, signal?: AbortSignal): Promise<ListPage<T>> {
  const res = await sendFresh(path, { signal });
  const items = (await res.json()) as T[];
  const totalHeader = res.headers.get('X-Total-Count');
  const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('Link') ?? '')?.[1] ?? null;
  return { items, total: totalHeader === null ? null : Number(totalHeader), next };
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, 'De server is niet bereikbaar');
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && !isAuthRoute(path)) onUnauthorized();
    throw error;
  }
  return res;
}

/** A file from the API (fetched, so a sensitive export can ask for fresh authentication first), saved under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await (await sendFresh(path, {})).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: <T = void>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T = void>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T = void>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
};

