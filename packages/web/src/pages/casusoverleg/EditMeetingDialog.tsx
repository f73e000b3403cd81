// SPDX-License-Identifier: EUPL-1.2
// The procesregisseur's "Wijzigen" dialog on a meeting: move it (date, start, end), change the
// place or video link, and name the chair and the minute taker from the people the API accepts
// (GET /api/meetings/{id}/staff-candidates: a procesregisseur or a professional of the chair
// organisation as chair; a procesregisseur as minute taker). Cancelling is a separate
// confirmation (CancelMeetingDialog).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { paths } from '../../api/openapi';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Alert, ConfirmDialog, DateField, FormDialog, SelectField, TextField } from '../../ui';
import type { Labels } from '../casus/common/reference';
import { dayLabel, localDate, localIso, localTime, type Meeting } from './types';

type StaffCandidates = paths['/api/meetings/{id}/staff-candidates']['get']['responses'][200]['content']['application/json'];
type StaffCandidate = StaffCandidates['chairs'][number];

interface Form { date: string; start: string; end: string; location: string; videoLink: string; chairUserId: string; minuteTakerId: string }

const formOf = (m: Meeting): Form => ({
  date: localDate(m.startsAt), start: localTime(m.startsAt), end: m.endsAt ? localTime(m.endsAt) : '',
  location: m.location ?? '', videoLink: m.videoLink ?? '', chairUserId: m.chairUserId ?? '', minuteTakerId: m.minuteTakerId ?? '',
});

/** The checks the browser can make before sending; the server checks the rest (and these again). */
type Problem = 'dateRequired' | 'startRequired' | 'invalid' | 'endBeforeStart' | 'videoInvalid';
function validate(f: Form): Partial<Record<keyof Form, Problem>> {
  const e: Partial<Record<keyof Form, Problem>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = 'dateRequired';
  if (!/^\d{2}:\d{2}$/.test(f.start)) e.start = 'startRequired';
  if (f.end && !/^\d{2}:\d{2}$/.test(f.end)) e.end = 'invalid';
  else if (f.end && f.start && f.end <= f.start) e.end = 'endBeforeStart';
  if (f.videoLink.trim() && !/^https:\/\/\S+$/.test(f.videoLink.trim())) e.videoLink = 'videoInvalid';
  return e;
}

/** Give it a new `key` each time it opens, so it starts from the meeting as it is then. */
export function EditMeetingDialog({ m, labels, open, onClose, onSaved }: { m: Meeting; labels: Labels; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const candidates = useApi<StaffCandidates>(open ? `/api/meetings/${m.id}/staff-candidates` : null);
  const [form, setForm] = useState<Form>(() => formOf(m));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction((body: Record<string, unknown>) => api.patch(`/api/meetings/${m.id}`, body));
  const server = fieldErrorsOf(save.error, t('overleg.invalid'));
  const errors: Record<string, string> = {
    ...local,
    ...(server.startsAt ? { date: server.startsAt } : {}),
    ...(server.endsAt ? { end: server.endsAt } : {}),
    ...(server.location ? { location: server.location } : {}),
    ...(server.videoLink ? { videoLink: server.videoLink } : {}),
    ...(server.chairUserId ? { chairUserId: server.chairUserId } : {}),
    ...(server.minuteTakerId ? { minuteTakerId: server.minuteTakerId } : {}),
  };
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit() {
    const found = validate(form);
    setLocal(Object.fromEntries(Object.entries(found).map(([k, p]) => [k, t(`overleg.${p}`)])));
    if (Object.keys(found).length) { setAttempt((n) => n + 1); return; }
    const res = await save.run({
      startsAt: localIso(form.date, form.start),
      endsAt: form.end ? localIso(form.date, form.end) : null,
      location: form.location.trim() || null,
      videoLink: form.videoLink.trim() || null,
      chairUserId: form.chairUserId || null,
      minuteTakerId: form.minuteTakerId || null,
    });
    if (res.ok) onSaved();
    else setAttempt((n) => n + 1);
  }

  const option = (u: StaffCandidate) => ({ value: u.id, label: `${u.name} (${labels.org(u.organisation)})` });
  // a chair or minute taker named earlier who is no longer offered stays visible as chosen
  const withCurrent = (list: StaffCandidate[] | undefined, id: string | null, name: string | null) =>
    [...(list ?? []).map(option), ...(id && name && !(list ?? []).some((u) => u.id === id) ? [{ value: id, label: name }] : [])];
  const generalError = save.error && !Object.keys(server).length ? save.error.message : undefined;

  return (
    <FormDialog
      open={open}
      title={t('overleg.editTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.save')}
      busy={save.pending}
      invalidAttempt={attempt}
      message={(generalError || candidates.error) && <Alert type="error">{generalError ?? candidates.error?.message}</Alert>}
    >
      <DateField id="edit-date" label={t('overleg.fields.date')} value={form.date} onChange={set('date')} required error={errors.date} />
      <TextField id="edit-start" type="time" label={t('overleg.fields.start')} value={form.start} onChange={set('start')} required error={errors.start} />
      <TextField id="edit-end" type="time" label={t('overleg.fields.end')} value={form.end} onChange={set('end')} optional error={errors.end} />
      <TextField id="edit-location" label={t('overleg.fields.place')} value={form.location} onChange={set('location')} optional error={errors.location} maxLength={200} />
      <TextField id="edit-video" type="url" label={t('overleg.video')} description={t('overleg.videoDescription')} value={form.videoLink}
        onChange={set('videoLink')} optional error={errors.videoLink} maxLength={500} inputMode="url" />
      <SelectField id="edit-chair" label={t('overleg.fields.chair')} description={t('overleg.chairDescription', { org: labels.org(m.chairOrganisation) })}
        value={form.chairUserId} onChange={set('chairUserId')} error={errors.chairUserId} disabled={candidates.loading}
        placeholder={t('overleg.noChair', { org: labels.org(m.chairOrganisation) })} options={withCurrent(candidates.data?.chairs, m.chairUserId, m.chairName)} />
      <SelectField id="edit-minute-taker" label={t('overleg.fields.minuteTaker')} description={t('overleg.minuteTakerDescription')}
        value={form.minuteTakerId} onChange={set('minuteTakerId')} error={errors.minuteTakerId} disabled={candidates.loading}
        placeholder={t('overleg.noMinuteTaker')} options={withCurrent(candidates.data?.minuteTakers, m.minuteTakerId, m.minuteTakerName)} />
    </FormDialog>
  );
}

/** "Overleg annuleren?" with what it means; focus starts on "Niet annuleren". */
export function CancelMeetingDialog({ m, open, onClose, onCancelled }: { m: Meeting; open: boolean; onClose: () => void; onCancelled: () => void }) {
  const { t } = useTranslation();
  const cancel = useAction(() => api.patch(`/api/meetings/${m.id}`, { status: 'geannuleerd' }));
  return (
    <ConfirmDialog
      open={open}
      title={t('overleg.cancelConfirmTitle')}
      message={t('overleg.cancelConfirmMessage', { type: m.typeName, when: `${dayLabel(m.startsAt)} ${localTime(m.startsAt)}` })}
      confirmLabel={t('overleg.cancel')}
      cancelLabel={t('overleg.cancelKeep')}
      danger
      busy={cancel.pending}
      error={cancel.error && <Alert type="error">{cancel.error.message}</Alert>}
      onConfirm={async () => { if ((await cancel.run()).ok) onCancelled(); }}
      onCancel={() => { cancel.reset(); onClose(); }}
    />
  );
}
