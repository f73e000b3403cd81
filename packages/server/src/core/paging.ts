// SPDX-License-Identifier: EUPL-1.2
// Keyset paging for the lists (issue 12). The JSON body stays an array; `?limit=` (default 50,
// at most 200) and `?after=<cursor>` ask for a page, the answer carries `X-Total-Count` (all rows
// the filter matches for this user) and, when there is more, `Link: <...>; rel="next"`. The
// cursor is opaque to clients: the sort key of the last row sent, base64url JSON. It holds no
// personal data beyond what that row already showed and grants nothing: every page query applies
// need-to-know again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ValidationError } from './errors.js';

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 200;

/** Querystring properties of a paged list. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, description: `Rijen per pagina (standaard ${PAGE_DEFAULT}, hoogstens ${PAGE_MAX})` })),
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 600, pattern: '^[A-Za-z0-9_-]+$', description: 'Vervolgcursor uit de Link-header (rel="next")' })),
};

/** Response headers of a paged list, for the OpenAPI document (@fastify/swagger reads `headers`). */
export const PAGE_HEADERS = {
  'X-Total-Count': { type: 'integer', description: 'Aantal rijen dat aan het filter voldoet (alle pagina\'s)' },
  Link: { type: 'string', description: 'RFC 8288: <url>; rel="next" zolang er een volgende pagina is' },
};

export interface PageRequest {
  limit: number;
  /** The sort key of the last row of the previous page, as the service encoded it. */
  after?: unknown[];
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The cursor for the next page, or null on the last page. */
  next: string | null;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const badCursor = () => new ValidationError('Ongeldige vervolgcursor', [{ field: 'querystring.after', message: 'Gebruik de cursor uit de Link-header' }], 400);

/**
 * The page the query asks for. `shape` lists the type of each element of the sort key (the
 * service's own cursor); anything else is a 400, before any query runs.
 */
export function pageRequest(q: { limit?: number; after?: string }, shape: ('string' | 'number' | 'boolean')[]): PageRequest {
  const limit = q.limit ?? PAGE_DEFAULT;
  if (q.after === undefined) return { limit };
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(q.after, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i] || (typeof v === 'string' && v.length > 200))) throw badCursor();
  return { limit, after: key };
}

/** Rows fetched with `limit + 1`: the page, and the cursor of its last row when there is more. */
export function toPage<T>(fetched: T[], limit: number, total: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = fetched.slice(0, limit);
  const next = fetched.length > limit && items.length ? encodeCursor(keyOf(items[items.length - 1]!)) : null;
  return { items, total, next };
}

/** Sends a page: the headers, and the array as the body. */
export function sendPage<T>(request: FastifyRequest, reply: FastifyReply, page: Page<T>): T[] {
  reply.header('x-total-count', String(page.total));
  if (page.next) {
    const url = new URL(request.url, 'http://localhost');
    url.searchParams.set('after', page.next);
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items;
}
