// SPDX-License-Identifier: EUPL-1.2
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, requestPage } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while the first load (or a reload) runs. */
  loading: boolean;
  reload: () => void;
  /** Replace the data locally (after a save that returned the new state). */
  setData: (update: T | ((current: T | undefined) => T)) => void;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'unknown', err instanceof Error ? err.message : String(err));
}

/** GET `path` (null: do not load yet) and follow its loading, error and data state. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .get<T>(path, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setDataState(result);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback((update: T | ((current: T | undefined) => T)) => {
    setDataState((current) => (typeof update === 'function' ? (update as (c: T | undefined) => T)(current) : update));
  }, []);

  return { data, error, loading, reload, setData };
}

export type ActionResult<R> = { ok: true; value: R } | { ok: false; error?: ApiError };

export interface ActionState<A extends unknown[], R> {
  run: (...args: A) => Promise<ActionResult<R>>;
  pending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

/**
 * A server action (a submit): tracks pending and the last error. `run` never throws; it resolves
 * to {ok, value} or {ok: false, error}. A call while one is pending is ignored ({ok: false}).
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): ActionState<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const busy = useRef(false);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<ActionResult<R>> => {
    if (busy.current) return { ok: false };
    busy.current = true;
    setPending(true);
    setError(undefined);
    try {
      return { ok: true, value: await fnRef.current(...args) };
    } catch (err) {
      const error = toApiError(err);
      if (mounted.current) setError(error);
      return { ok: false, error };
    } finally {
      busy.current = false;
      if (mounted.current) setPending(false);
    }
  }, []);

  const reset = useCallback(() => setError(undefined), []);
  return { run, pending, error, reset };
}

/**
 * Validation errors from the server as {field: message}, the first message per field. Messages
 * of the request schema check are technical English ("must match pattern ..."); pass `generic`
 * to show that text instead.
 */
export function fieldErrorsOf(error: ApiError | undefined, generic?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of error?.fieldErrors ?? []) {
    if (field in out) continue;
    out[field] = generic && isSchemaMessage(message) ? generic : message;
  }
  return out;
}

/** A message of the JSON schema validator rather than one written for people. */
export const isSchemaMessage = (message: string) => /^must\b/.test(message);

export interface PagedApiState<T> extends ApiState<T[]> {
  /** Every row the list's filter matches (X-Total-Count), undefined until known. */
  total: number | undefined;
  /** Whether the server has a next page. */
  hasMore: boolean;
  /** Appends the next page; resolves when it is in. */
  loadMore: () => Promise<void>;
  loadingMore: boolean;
}

/** A list's first page that another answer already brought (Mijn werk's overview), with the URL of its next page. */
export interface FirstPage<T> { items: T[]; total: number; next: string | null }

/**
 * GET a paged list (`path` null: not yet): the first page, then `loadMore` appends the next one
 * (following the server's Link rel="next") until there is none. `data` holds every row loaded.
 * With `first` the first page is that one and nothing is fetched until `loadMore` (pass a stable
 * object, e.g. from useMemo: a new one starts the list again).
 */
export function usePagedApi<T>(path: string | null, first?: FirstPage<T>): PagedApiState<T> {
  const [data, setDataState] = useState<T[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    if (first) {
      ++generation.current;
      setDataState(first.items);
      setTotal(first.total);
      setNext(first.next);
      setError(undefined);
      setLoading(false);
      return;
    }
    if (path === null) return;
    const controller = new AbortController();
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    requestPage<T>(path, controller.signal)
      .then((page) => {
        if (controller.signal.aborted || mine !== generation.current) return;
        setDataState(page.items);
        setTotal(page.total ?? page.items.length);
        setNext(page.next);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, version, first]);

  const loadMore = useCallback(async () => {
    if (!next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await requestPage<T>(next);
      if (mine !== generation.current) return;
      setDataState((current) => [...(current ?? []), ...page.items]);
      if (page.total !== null) setTotal(page.total);
      setNext(page.next);
      setError(undefined);
    } catch (err) {
      if (mine === generation.current) setError(toApiError(err));
    } finally {
      setLoadingMore(false);
    }
  }, [next, loadingMore]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback((update: T[] | ((current: T[] | undefined) => T[])) => {
    setDataState((current) => (typeof update === 'function' ? (update as (c: T[] | undefined) => T[])(current) : update));
  }, []);

  return { data, error, loading, reload, setData, total, hasMore: next !== null, loadMore, loadingMore };
}
