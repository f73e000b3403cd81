// SPDX-License-Identifier: EUPL-1.2
// Overleggen: the week's meetings the user may see (a week view, previous and next week), and
// for the procesregisseur a form to plan a meeting by hand.
import { can } from '@zvh/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, DataTable, DateField, Link, Paragraph, Section, SelectField, TextField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, todayIso } from '../casus/common/format';
import { addDaysIso, dayLabel, localIso, localTime, mondayOf, type MeetingListItem, type MeetingType } from './types';
import type { ApiResponse } from '../../api/types';

export default function MeetingsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [week, setWeek] = useState(() => mondayOf(todayIso()));
  const sunday = addDaysIso(week, 6);
  const list = useApi<MeetingListItem[]>(`/api/meetings?from=${week}&to=${sunday}`);
  const regisseur = can(user.roles, 'meeting.plan');

  const columns: Column<MeetingListItem>[] = [
    { key: 'day', header: t('overleg.fields.day'), rowHeader: true, cell: (m) => <Link to={`/overleggen/${m.id}`}>{dayLabel(m.startsAt)}</Link> },
    { key: 'time', header: t('overleg.fields.time'), cell: (m) => `${localTime(m.startsAt)}${m.endsAt ? `–${localTime(m.endsAt)}` : ''}` },
    { key: 'type', header: t('overleg.fields.type'), cell: (m) => `${m.typeName}${m.region ? ` (${t(`regions.${m.region}` as 'regions.noord')})` : ''}` },
    { key: 'place', header: t('overleg.fields.place'), cell: (m) => m.location ?? (m.videoLink ? t('overleg.video') : '—') },
    { key: 'items', header: t('overleg.fields.items'), cell: (m) => String(m.itemCount) },
    { key: 'status', header: t('overleg.fields.status'), cell: (m) => (m.status === 'geannuleerd' ? t('overleg.cancelled') : m.minutesApprovedAt ? t('overleg.approved') : t('overleg.planned')) },
  ];

  return (
    <Page title={t('overleg.title')}>
      <Paragraph>{t('overleg.intro')}</Paragraph>
      <ButtonGroup>
        <Button onClick={() => setWeek(addDaysIso(week, -7))}>{t('overleg.previousWeek')}</Button>
        <Button onClick={() => setWeek(mondayOf(todayIso()))}>{t('overleg.thisWeek')}</Button>
        <Button onClick={() => setWeek(addDaysIso(week, 7))}>{t('overleg.nextWeek')}</Button>
      </ButtonGroup>
      <LoadBoundary state={list}>
        {(rows) => (
          <DataTable
            caption={t('overleg.weekCaption', { from: dayLabel(`${week}T12:00:00Z`), to: dayLabel(`${sunday}T12:00:00Z`) })}
            columns={columns}
            rows={rows}
            rowKey={(m) => m.id}
            emptyMessage={t('overleg.weekEmpty')}
          />
        )}
      </LoadBoundary>
      {regisseur && <PlanMeeting />}
      {can(user.roles, 'meeting.oversee') && <LateMinutes />}
      <CalendarFeed />
    </Page>
  );
}

function PlanMeeting() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useApi<MeetingType[]>('/api/meeting-types');
  const [form, setForm] = useState({ type: 'casusoverleg', date: addDaysIso(todayIso(), 7), start: '09:00', end: '10:30', location: '' });
  const plan = useAction((body: Record<string, unknown>) => api.post<{ id: string }>('/api/meetings', body));
  const errors = fieldErrorsOf(plan.error, t('overleg.invalid'));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await plan.run({
      type: form.type, startsAt: localIso(form.date, form.start), endsAt: localIso(form.date, form.end),
      ...(form.location.trim() ? { location: form.location.trim() } : {}),
    });
    if (res.ok) navigate(`/overleggen/${res.value.id}`);
  }

  return (
    <Section title={t('overleg.planTitle')}>
      <form onSubmit={submit} noValidate className="zvh-form">
        {plan.error && <Alert type="error">{plan.error.message}</Alert>}
        <SelectField id="plan-type" label={t('overleg.fields.type')} value={form.type} onChange={set('type')} required
          options={(types.data ?? []).filter((x) => x.active).map((x) => ({ value: x.code, label: x.name }))} error={errors.type} />
        <DateField id="plan-date" label={t('overleg.fields.date')} value={form.date} onChange={set('date')} required error={errors.startsAt} />
        <TextField id="plan-start" type="time" label={t('overleg.fields.start')} value={form.start} onChange={set('start')} required />
        <TextField id="plan-end" type="time" label={t('overleg.fields.end')} value={form.end} onChange={set('end')} required error={errors.endsAt} />
        <TextField id="plan-location" label={t('overleg.fields.place')} value={form.location} onChange={set('location')} optional />
        <Button type="submit" variant="primary" busy={plan.pending}>{t('overleg.plan')}</Button>
      </form>
    </Section>
  );
}

type LateMeeting = ApiResponse<'listLateMinutes'>[number];

/** Meetings whose minutes were not approved within 3 working days. */
function LateMinutes() {
  const { t } = useTranslation();
  const late = useApi<LateMeeting[]>('/api/meetings/late-minutes');
  const columns: Column<LateMeeting>[] = [
    { key: 'day', header: t('overleg.fields.day'), rowHeader: true, cell: (m) => <Link to={`/overleggen/${m.id}`}>{dayLabel(m.startsAt)}</Link> },
    { key: 'type', header: t('overleg.fields.type'), cell: (m) => m.typeName },
    { key: 'due', header: t('overleg.lateDue'), cell: (m) => formatDate(m.minutesDue) },
    { key: 'approved', header: t('overleg.lateApproved'), cell: (m) => (m.minutesApprovedAt ? formatDate(m.minutesApprovedAt) : t('overleg.notApproved')) },
  ];
  return (
    <Section title={t('overleg.lateTitle')}>
      <LoadBoundary state={late}>
        {(rows) => <DataTable caption={t('overleg.lateCaption')} columns={columns} rows={rows} rowKey={(m) => m.id} emptyMessage={t('overleg.lateEmpty')} />}
      </LoadBoundary>
    </Section>
  );
}

/** The secret calendar subscription URL (iCalendar), with revoke and re-issue. */
function CalendarFeed() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const show = useAction(() => api.get<{ url: string }>('/api/account/calendar'));
  const reissue = useAction(() => api.post<{ url: string }>('/api/account/calendar'));
  const revoke = useAction(() => api.del('/api/account/calendar'));
  const absolute = (path: string) => new URL(path, window.location.origin).toString();
  return (
    <Section title={t('overleg.calendarTitle')}>
      <Paragraph>{t('overleg.calendarIntro')}</Paragraph>
      {url && <TextField id="calendar-url" label={t('overleg.calendarUrl')} value={url} readOnly onFocus={(e) => e.currentTarget.select()} />}
      {(show.error ?? reissue.error ?? revoke.error) && <Alert type="error">{(show.error ?? reissue.error ?? revoke.error)!.message}</Alert>}
      <ButtonGroup>
        {!url && <Button onClick={async () => { const r = await show.run(); if (r.ok) setUrl(absolute(r.value.url)); }} busy={show.pending}>{t('overleg.calendarShow')}</Button>}
        <Button onClick={async () => { const r = await reissue.run(); if (r.ok) setUrl(absolute(r.value.url)); }} busy={reissue.pending}>{t('overleg.calendarReissue')}</Button>
        <Button danger onClick={async () => { if ((await revoke.run()).ok) setUrl(null); }} busy={revoke.pending}>{t('overleg.calendarRevoke')}</Button>
      </ButtonGroup>
    </Section>
  );
}
