// SPDX-License-Identifier: EUPL-1.2
// Checks codes against the tenant's reference data (active entries only), loaded once per call.
import type { CodeListName } from '@zvh/shared';
import type { Executor } from './db/index.js';
import { rows, sql } from './db/index.js';
import { ValidationError } from './errors.js';

export interface CodeSets {
  municipalities: Set<string>;
  partners: Set<string>;
  lists: Partial<Record<CodeListName, Set<string>>>;
}

export async function loadCodeSets(ex: Executor, tenantId: string): Promise<CodeSets> {
  const res = await rows<{ kind: string; list: string | null; code: string }>(ex, sql`
    select 'municipality' as kind, null as list, code from municipalities where tenant_id = ${tenantId} and active
    union all select 'partner', null, code from organisations where tenant_id = ${tenantId} and active and kind = 'partner'
    union all select 'code', list, code from code_list_entries where tenant_id = ${tenantId} and active`);
  const sets: CodeSets = { municipalities: new Set(), partners: new Set(), lists: {} };
  for (const r of res) {
    if (r.kind === 'municipality') sets.municipalities.add(r.code);
    else if (r.kind === 'partner') sets.partners.add(r.code);
    else (sets.lists[r.list as CodeListName] ??= new Set()).add(r.code);
  }
  return sets;
}

/** Collects field errors and throws them together as one 422. */
export class FieldChecker {
  readonly errors: { field: string; message: string }[] = [];
  constructor(readonly sets: CodeSets) {}
  add(field: string, message: string) { this.errors.push({ field, message }); }
  code(field: string, list: CodeListName, value: string | null | undefined, required = false) {
    if (value === undefined || value === null || value === '') { if (required) this.add(field, 'Verplicht'); return; }
    if (!this.sets.lists[list]?.has(value)) this.add(field, `Onbekende code "${value}"`);
  }
  codes(field: string, list: CodeListName, values: string[] | undefined) {
    values?.forEach((v, i) => this.code(`${field}.${i}`, list, v));
  }
  municipality(field: string, value: string) { if (!this.sets.municipalities.has(value)) this.add(field, `Onbekende gemeente "${value}"`); }
  partner(field: string, value: string) { if (!this.sets.partners.has(value)) this.add(field, `Onbekende partner "${value}"`); }
  partners(field: string, values: string[] | undefined) { values?.forEach((v, i) => this.partner(`${field}.${i}`, v)); }
  notFuture(field: string, date: string | undefined | null) { if (date && date > today()) this.add(field, 'Datum mag niet in de toekomst liggen'); }
  throwIfAny(message = 'Ongeldige invoer') { if (this.errors.length) throw new ValidationError(message, this.errors); }
}

/** Today's date in the Netherlands (the dates of the domain are Dutch calendar dates). */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}
