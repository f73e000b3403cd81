// SPDX-License-Identifier: EUPL-1.2
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { announcedPercent, errorFromResponse, formatBytes, importUrl, percentOf, uploadImport } from './upload';

/** Just enough of XMLHttpRequest to drive uploadImport in node. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() { FakeXhr.last = this; }
  open(method: string, url: string) { this.method = method; this.url = url; }
  setRequestHeader(k: string, v: string) { this.headers[k] = v; }
  send(body: unknown) { this.body = body; }
  abort() { this.onabort?.(); }
  respond(status: number, body: string) { this.status = status; this.responseText = body; this.onload?.(); }
}
const g = globalThis as unknown as { XMLHttpRequest?: unknown };
afterEach(() => { delete g.XMLHttpRequest; });

describe('uploadImport', () => {
  it('posts the file as application/x-ndjson, reports progress and returns the summary', async () => {
    g.XMLHttpRequest = FakeXhr;
    const seen: string[] = [];
    const file = new Blob(['{"externalId":"a"}\n']);
    const p = uploadImport(file, true, { onProgress: (l, t) => seen.push(`${l}/${t}`), onUploaded: () => seen.push('uploaded') });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/import/cases?dryRun=true');
    expect(xhr.headers['Content-Type']).toBe('application/x-ndjson');
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 7, total: 0 });
    xhr.upload.onload?.();
    xhr.respond(200, '{"imported":1,"updated":0,"rejected":[{"line":2,"error":"x"}]}');
    expect(await p).toEqual({ imported: 1, updated: 0, rejected: [{ line: 2, error: 'x' }] });
    expect(seen).toEqual(['5/10', 'uploaded']);
  });

  it('turns an error answer into an ApiError', async () => {
    g.XMLHttpRequest = FakeXhr;
    const p = uploadImport(new Blob(['x']), false);
    expect(FakeXhr.last!.url).toBe('/api/import/cases');
    FakeXhr.last!.respond(403, '{"error":{"code":"forbidden","message":"Geen toegang"}}');
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden', message: 'Geen toegang' });
  });
});

describe('import page helpers', () => {
  it('reads the error model and survives a non-JSON body', () => {
    expect(errorFromResponse(500, 'Internal', '{"error":{"code":"import_aborted","message":"m","details":{"atLine":1001}}}'))
      .toMatchObject({ code: 'import_aborted', details: { atLine: 1001 } });
    expect(errorFromResponse(502, 'Bad Gateway', '<html>')).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' });
  });

  it('formats sizes and progress', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 kB');
    expect(formatBytes(27 * 1024 * 1024, 'en-GB')).toBe('27 MB');
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 0)).toBe(0);
    expect(announcedPercent(47)).toBe(40);
    expect(importUrl(false)).toBe('/api/import/cases');
  });
});
