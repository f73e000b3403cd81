// SPDX-License-Identifier: EUPL-1.2
// Sends an import file to POST /api/import/cases as application/x-ndjson. XMLHttpRequest rather
// than fetch, because only XHR reports upload progress. The server imports while the file streams
// in, so the upload advances at the speed of the import; after the last byte it still finishes
// the last batch.
import { ApiError, NETWORK_ERROR } from '../../api/client';
import type { ApiResponse } from '../../api/types';

/** The server's summary of an import (POST /api/import/cases), generated from the OpenAPI document. */
export type ImportSummary = ApiResponse<'importCases'>;
/** A rejected line with its number and reason. */
export type RejectedLine = ImportSummary['rejected'][number];

export interface UploadCallbacks {
  /** Bytes sent so far, of the total. */
  onProgress?: (loaded: number, total: number) => void;
  /** The whole file is sent; the server is finishing. */
  onUploaded?: () => void;
}

export function importUrl(dryRun: boolean): string {
  return dryRun ? '/api/import/cases?dryRun=true' : '/api/import/cases';
}

/** The server's answer as an ApiError, from {"error":{"code","message","details"}}. */
export function errorFromResponse(status: number, statusText: string, body: string): ApiError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const e = parsed.error;
    if (e && typeof e.code === 'string') return new ApiError(status, e.code, typeof e.message === 'string' ? e.message : statusText, e.details);
  } catch {
    // not JSON (a proxy's error page)
  }
  return new ApiError(status, `http_${status}`, statusText || `HTTP ${status}`);
}

export function uploadImport(file: Blob, dryRun: boolean, callbacks: UploadCallbacks = {}, signal?: AbortSignal): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl(dryRun));
    xhr.setRequestHeader('Content-Type', 'application/x-ndjson');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) callbacks.onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => callbacks.onUploaded?.();
    xhr.onload = () => {
      if (xhr.status === 200) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportSummary);
        } catch {
          reject(new ApiError(xhr.status, 'invalid_response', 'Onverwacht antwoord van de server'));
        }
      } else {
        reject(errorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'De server is niet bereikbaar'));
    xhr.onabort = () => reject(new DOMException('Afgebroken', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** 1,5 MB / 1.5 MB: a file size for people. */
export function formatBytes(bytes: number, locale = 'nl-NL'): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
}

/** Whole percent, 0-100. */
export const percentOf = (loaded: number, total: number): number => (total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0);

/**
 * What the live region says during the upload: only every tenth percent, so a screen reader is
 * not flooded (the visible progress bar shows every step).
 */
export const announcedPercent = (percent: number): number => Math.floor(percent / 10) * 10;
