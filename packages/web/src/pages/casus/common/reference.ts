// SPDX-License-Identifier: EUPL-1.2
// The tenant's reference data (municipalities, organisations, code lists with Dutch labels),
// loaded once per session and shared by the case-flow pages; and helpers that turn codes into
// labels and select options.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import type { ApiError } from '../../../api/client';
import type { Reference } from '../../../api/types';
import { toApiError } from '../../../api/useApi';
import type { SelectOption } from '../../../ui';

let cached: Reference | undefined;
let inFlight: Promise<Reference> | undefined;

function loadReference(): Promise<Reference> {
  if (cached) return Promise.resolve(cached);
  inFlight ??= api
    .get<Reference>('/api/reference')
    .then((r) => {
      cached = r;
      return r;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

export interface ReferenceState {
  data: Reference | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useReference(): ReferenceState {
  const [data, setData] = useState<Reference | undefined>(cached);
  const [error, setError] = useState<ApiError | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (data) return;
    let live = true;
    setError(undefined);
    loadReference()
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [attempt, data]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { data, error, loading: !data && !error, reload };
}

export interface Labels {
  /** The label of a code in a code list; the code itself when unknown; a dash when empty. */
  code: (list: string, code: string | null | undefined) => string;
  org: (code: string | null | undefined) => string;
  /** Whether the organisation is a municipal partner (one department per municipality). */
  municipal: (code: string | null | undefined) => boolean;
  /** Whether the organisation has professional secrecy (adding it to a running case waits for four eyes). */
  secrecy: (code: string | null | undefined) => boolean;
  municipality: (code: string | null | undefined) => string;
  /** The active entries of a code list, plus `keep` (a value already chosen) when it is inactive now. */
  options: (list: string, keep?: string | string[] | null) => SelectOption[];
  /** Active partner organisations (convenant partners), plus `keep`. */
  partners: (keep?: string | string[] | null) => SelectOption[];
  /** Active municipalities, plus `keep`. */
  municipalities: (keep?: string | null) => SelectOption[];
}

const DASH = '—';
const asList = (keep?: string | string[] | null) => (keep == null ? [] : Array.isArray(keep) ? keep : [keep]);

export function labelsFor(ref: Reference): Labels {
  return {
    code: (list, code) => {
      if (!code) return DASH;
      return ref.codeLists[list]?.find((e) => e.code === code)?.label ?? code;
    },
    org: (code) => (code ? ref.organisations.find((o) => o.code === code)?.name ?? code : DASH),
    municipal: (code) => Boolean(code && ref.organisations.find((o) => o.code === code)?.municipal),
    secrecy: (code) => Boolean(code && ref.organisations.find((o) => o.code === code)?.professionalSecrecy),
    municipality: (code) => (code ? ref.municipalities.find((m) => m.code === code)?.name ?? code : DASH),
    options: (list, keep) => {
      const k = asList(keep);
      return [...(ref.codeLists[list] ?? [])]
        .filter((e) => e.active || k.includes(e.code))
        .sort((a, b) => a.sort - b.sort)
        .map((e) => ({ value: e.code, label: e.label }));
    },
    partners: (keep) => {
      const k = asList(keep);
      return ref.organisations
        .filter((o) => o.kind === 'partner' && (o.active || k.includes(o.code)))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map((o) => ({ value: o.code, label: o.name }));
    },
    municipalities: (keep) =>
      ref.municipalities
        .filter((m) => m.active || m.code === keep)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map((m) => ({ value: m.code, label: m.name })),
  };
}
