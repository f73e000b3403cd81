// SPDX-License-Identifier: EUPL-1.2
// Informing the person (AVG art. 14) of a registration: when and how the person was told (by the
// registrant or the ZVH, and the channel), or the recorded ground not to. Shown on the
// registration and on the case page; the registrant and the ZVH's case staff can record it.
import { INFORMED_BY, INFORMING_CHANNELS, NOT_INFORMED_REASONS } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { Alert, Button, ButtonGroup, DateField, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { Details, LoadBoundary, RadioGroupField, StaleVersionAlert, useErrorText } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';

type Informing = ApiResponse<'getInforming'>;

export function InformingPanel({ registrationId, level = 2 }: { registrationId: string; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const state = useApi<Informing>(`/api/registrations/${encodeURIComponent(registrationId)}/informing`);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string>();
  return (
    <Section title={t('informeren.title')} level={level}>
      <LoadBoundary state={state}>
        {(i) => (
          <>
            {notice && <Alert type="ok">{notice}</Alert>}
            {i.overdue && <Alert type="warning">{t('informeren.overdue', { date: formatDate(i.remindFrom) })}</Alert>}
            <InformingDetails i={i} />
            {i.canEdit && !editing && (
              <ButtonGroup>
                <Button onClick={() => { setNotice(undefined); setEditing(true); }}>{i.status === 'open' ? t('informeren.record') : t('informeren.change')}</Button>
              </ButtonGroup>
            )}
            {editing && (
              <InformingForm
                i={i}
                onCancel={() => setEditing(false)}
                onReload={() => { setEditing(false); state.reload(); }}
                onSaved={(next) => { state.setData(next); setEditing(false); setNotice(t('informeren.saved')); }}
              />
            )}
          </>
        )}
      </LoadBoundary>
    </Section>
  );
}

function InformingDetails({ i }: { i: Informing }) {
  const { t } = useTranslation();
  if (i.status === 'open') return <Paragraph>{t('informeren.open', { date: formatDate(i.remindFrom) })}</Paragraph>;
  const recorded = { label: t('informeren.fields.recorded'), value: `${i.recordedByName ?? '—'}, ${formatDateTime(i.recordedAt)}` };
  if (i.status === 'informed') {
    return (
      <Details
        items={[
          { label: t('informeren.fields.status'), value: t('informeren.status.informed') },
          { label: t('informeren.fields.informedOn'), value: formatDate(i.informedOn) },
          { label: t('informeren.fields.informedBy'), value: i.informedBy ? t(`informeren.by.${i.informedBy}`) : '—' },
          { label: t('informeren.fields.channel'), value: i.channel ? t(`informeren.channels.${i.channel}`) : '—' },
          ...(i.note ? [{ label: t('informeren.fields.note'), value: i.note }] : []),
          recorded,
        ]}
      />
    );
  }
  return (
    <Details
      items={[
        { label: t('informeren.fields.status'), value: t('informeren.status.not_informed') },
        { label: t('informeren.fields.reason'), value: i.reason ? t(`informeren.reasons.${i.reason}`) : '—' },
        { label: t('informeren.fields.note'), value: i.note ?? '—' },
        recorded,
      ]}
    />
  );
}

interface FormState { status: 'informed' | 'not_informed'; informedOn: string; informedBy: string; channel: string; reason: string; note: string }

function InformingForm({ i, onSaved, onCancel, onReload }: { i: Informing; onSaved: (i: Informing) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [f, setF] = useState<FormState>({
    status: i.status === 'not_informed' ? 'not_informed' : 'informed',
    informedOn: i.informedOn ?? '', informedBy: i.informedBy ?? 'registrant', channel: i.channel ?? '', reason: i.reason ?? '', note: i.note ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof FormState, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction((body: unknown) => api.put<Informing>(`/api/registrations/${encodeURIComponent(i.registrationId)}/informing`, body));
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((x) => ({ ...x, [k]: v }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (f.status === 'informed') {
      if (!f.informedOn) found.informedOn = t('informeren.errors.informedOn');
      if (!f.channel) found.channel = t('informeren.errors.channel');
    } else {
      if (!f.reason) found.reason = t('informeren.errors.reason');
      if (f.note.trim().length < 10) found.note = t('informeren.errors.note');
    }
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`informeren-${first}`)?.focus();
      return;
    }
    setAttempt((n) => n + 1);
    const body = f.status === 'informed'
      ? { status: 'informed', informedOn: f.informedOn, informedBy: f.informedBy, channel: f.channel, note: f.note.trim() || null, version: i.version || undefined }
      : { status: 'not_informed', reason: f.reason, note: f.note.trim(), version: i.version || undefined };
    const res = await save.run(body);
    if (res.ok) onSaved(res.value);
  };

  const stale = save.error?.code === 'stale_version';
  return (
    <form noValidate onSubmit={submit} className="zvh-form" aria-label={t('informeren.formLabel')}>
      {stale ? <StaleVersionAlert onReload={onReload} attempt={attempt} /> : save.error && <Alert type="error" focus>{errorText(save.error)}</Alert>}
      <RadioGroupField
        id="informeren-status"
        legend={t('informeren.fields.status')}
        value={f.status}
        onChange={(v) => set('status', v as FormState['status'])}
        options={[{ value: 'informed', label: t('informeren.status.informed') }, { value: 'not_informed', label: t('informeren.status.not_informed') }]}
        required
      />
      {f.status === 'informed' ? (
        <>
          <DateField id="informeren-informedOn" label={t('informeren.fields.informedOn')} value={f.informedOn} onChange={(e) => set('informedOn', e.currentTarget.value)} error={errors.informedOn} required />
          <SelectField
            id="informeren-informedBy"
            label={t('informeren.fields.informedBy')}
            value={f.informedBy}
            onChange={(e) => set('informedBy', e.currentTarget.value)}
            options={INFORMED_BY.map((b) => ({ value: b, label: t(`informeren.by.${b}`) }))}
          />
          <SelectField
            id="informeren-channel"
            label={t('informeren.fields.channel')}
            value={f.channel}
            placeholder={t('informeren.choose')}
            onChange={(e) => set('channel', e.currentTarget.value)}
            options={INFORMING_CHANNELS.map((c) => ({ value: c, label: t(`informeren.channels.${c}`) }))}
            error={errors.channel}
            required
          />
          <TextAreaField id="informeren-note" label={t('informeren.fields.note')} value={f.note} onChange={(e) => set('note', e.currentTarget.value)} rows={2} maxLength={2000} optional />
        </>
      ) : (
        <>
          <SelectField
            id="informeren-reason"
            label={t('informeren.fields.reason')}
            description={t('informeren.reasonHelp')}
            value={f.reason}
            placeholder={t('informeren.choose')}
            onChange={(e) => set('reason', e.currentTarget.value)}
            options={NOT_INFORMED_REASONS.map((r) => ({ value: r, label: t(`informeren.reasons.${r}`) }))}
            error={errors.reason}
            required
          />
          <TextAreaField id="informeren-note" label={t('informeren.fields.noteWhy')} value={f.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.note} rows={3} maxLength={2000} required />
        </>
      )}
      <ButtonGroup>
        <Button type="submit" variant="primary" busy={save.pending}>{t('informeren.save')}</Button>
        <Button type="button" onClick={onCancel}>{t('common.cancel')}</Button>
      </ButtonGroup>
    </form>
  );
}
