// SPDX-License-Identifier: EUPL-1.2
// "Zichtbaar voor": the audience of a journal entry or document, chosen on every entry (issue 8).
// ZVH staff start on "Alleen ZVH", partners on nothing at all; the forms reset after each post.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { initialVisibility, type Visibility } from '@zvh/shared';
import { CheckboxGroupField } from '../../../ui';
import { RadioGroupField } from './forms';
import type { Labels } from './reference';
import type { CaseFile } from './types';

export interface AudienceValue {
  visibility: Visibility | null;
  sharedWith: string[];
}

/** A fresh form's audience: "alleen ZVH" for ZVH staff, no choice for a partner. */
export function emptyAudience(zvh: boolean): AudienceValue {
  return { visibility: initialVisibility(zvh), sharedWith: [] };
}

/** Client-side check (the server checks again): a choice, and at least one participant for "gekozen deelnemers". */
export function audienceErrors(a: AudienceValue, t: TFunction): Record<string, string> {
  if (!a.visibility) return { visibility: t('casus.visibility.errors.required') };
  if (a.visibility === 'selected' && a.sharedWith.length === 0) return { sharedWith: t('casus.visibility.errors.sharedWith') };
  return {};
}

/** The request body's part: never a default, sharedWith only with "selected". */
export function audienceBody(a: AudienceValue): { visibility: Visibility; sharedWith?: string[] } {
  if (!a.visibility) throw new Error('visibility not chosen');
  return a.visibility === 'selected' ? { visibility: 'selected', sharedWith: a.sharedWith } : { visibility: a.visibility };
}

/** "Alleen ZVH" / "Alle deelnemers" / "ZVH en: GGZ Drenthe, Politie". */
export function audienceLabel(a: { visibility: Visibility; sharedWith: string[] }, labels: Labels, t: TFunction): string {
  if (a.visibility === 'selected') return t('casus.visibility.selectedList', { list: a.sharedWith.map((c) => labels.org(c)).join(', ') });
  return t(`casus.visibility.${a.visibility}`);
}

export function AudienceFields({ id, c, ownOrganisation, value, onChange, errors, labels }: {
  id: string;
  c: CaseFile;
  /** The user's organisation: it always sees its own entries, so it is not offered. */
  ownOrganisation: string;
  value: AudienceValue;
  onChange: (v: AudienceValue) => void;
  errors: Record<string, string>;
  labels: Labels;
}) {
  const { t } = useTranslation();
  const choices = c.participants.filter((p) => !p.removedAt && p.partner !== ownOrganisation);
  return (
    <>
      <RadioGroupField
        id={`${id}-visibility`}
        legend={t('casus.visibility.legend')}
        options={[
          { value: 'zvh', label: t('casus.visibility.zvh'), description: t('casus.visibility.zvhHelp') },
          { value: 'all', label: t('casus.visibility.all'), description: t('casus.visibility.allHelp') },
          ...(choices.length ? [{ value: 'selected', label: t('casus.visibility.selected'), description: t('casus.visibility.selectedHelp') }] : []),
        ]}
        value={value.visibility ?? ''}
        onChange={(v) => onChange({ visibility: v as Visibility, sharedWith: v === 'selected' ? value.sharedWith : [] })}
        error={errors.visibility}
        required
      />
      {value.visibility === 'selected' && (
        <CheckboxGroupField
          id={`${id}-sharedWith`}
          legend={t('casus.visibility.sharedWith')}
          options={choices.map((p) => ({ value: p.partner, label: p.name ?? labels.org(p.partner) }))}
          value={value.sharedWith}
          onChange={(sharedWith) => onChange({ visibility: 'selected', sharedWith })}
          error={errors.sharedWith}
        />
      )}
    </>
  );
}
