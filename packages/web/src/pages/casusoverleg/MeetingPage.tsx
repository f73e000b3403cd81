// SPDX-License-Identifier: EUPL-1.2
// One meeting: when and where, the agenda as the user may see it (other items as "besloten
// agendapunt"), the contributions per item, and for the procesregisseur the agenda form, the
// confidentiality statement, the minutes form with agreements and, for the chair, approval.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import {
  Alert, Button, ButtonGroup, CheckboxField, CheckboxGroupField, DataList, DateField, Heading, Link, Notice, Paragraph, Section, SelectField, TextAreaField, TextField,
} from '../../ui';
import { CancelMeetingDialog, EditMeetingDialog } from './EditMeetingDialog';
import { LoadBoundary, MultiLine } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { attendeesOf, dayLabel, localTime, type Meeting, type VisibleItem } from './types';

export default function MeetingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const meeting = useApi<Meeting>(`/api/meetings/${id}`);
  const reference = useReference();
  const title = meeting.data ? `${meeting.data.typeName} ${dayLabel(meeting.data.startsAt)}` : t('overleg.meeting');
  return (
    <Page title={title}>
      <LoadBoundary state={{ ...meeting, data: meeting.data && reference.data ? { m: meeting.data, ref: reference.data } : undefined, error: meeting.error ?? reference.error }}>
        {({ m, ref }) => <MeetingView m={m} labels={labelsFor(ref)} reload={meeting.reload} />}
      </LoadBoundary>
    </Page>
  );
}

function MeetingView({ m, labels, reload }: { m: Meeting; labels: Labels; reload: () => void }) {
  const { t } = useTranslation();
  const approve = useAction(() => api.post(`/api/meetings/${m.id}/approve`));
  const confidentiality = useAction(() => api.post(`/api/meetings/${m.id}/confidentiality`, { text: t('overleg.confidentialityDefault') }));
  const [editing, setEditing] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const [notice, setNotice] = useState<string>();
  const visible = m.agenda.filter((i): i is VisibleItem => !('besloten' in i));
  return (
    <>
      <DataList items={[
        { key: 'when', label: t('overleg.fields.time'), value: `${dayLabel(m.startsAt)}, ${localTime(m.startsAt)}${m.endsAt ? `–${localTime(m.endsAt)}` : ''}` },
        { key: 'place', label: t('overleg.fields.place'), value: m.location ?? '—' },
        ...(m.videoLink ? [{ key: 'video', label: t('overleg.video'), value: m.videoLink }] : []),
        { key: 'chair', label: t('overleg.fields.chair'), value: m.chairName ?? labels.org(m.chairOrganisation) },
        { key: 'minuteTaker', label: t('overleg.fields.minuteTaker'), value: m.minuteTakerName ?? '—' },
        { key: 'status', label: t('overleg.fields.status'), value: m.status === 'geannuleerd' ? t('overleg.cancelled')
          : m.minutesApprovedAt ? t('overleg.approvedOn', { date: formatDate(m.minutesApprovedAt) }) : t('overleg.minutesDue', { date: formatDate(m.minutesDue) }) },
      ]} />
      {m.minutesLate && <Alert type="warning">{t('overleg.late', { date: formatDate(m.minutesDue) })}</Alert>}
      <Notice message={notice} />
      <ButtonGroup>
        <a className="utrecht-link" href={`/api/meetings/${m.id}/print.pdf`} download>{t('overleg.pdf')}</a>
        {m.permissions.plan && m.status !== 'geannuleerd' && (
          <>
            <Button onClick={() => { setNotice(undefined); setEditing((n) => Math.abs(n) + 1); }}>{t('overleg.edit')}</Button>
            <Button danger onClick={() => { setNotice(undefined); setCancelling(true); }}>{t('overleg.cancel')}</Button>
          </>
        )}
      </ButtonGroup>
      {m.permissions.plan && (
        <>
          <EditMeetingDialog key={Math.abs(editing)} m={m} labels={labels} open={editing > 0}
            onClose={() => setEditing((n) => -n)} onSaved={() => { setEditing((n) => -n); setNotice(t('overleg.changed')); reload(); }} />
          <CancelMeetingDialog m={m} open={cancelling} onClose={() => setCancelling(false)}
            onCancelled={() => { setCancelling(false); setNotice(t('overleg.cancelledNotice')); reload(); }} />
        </>
      )}
      {m.permissions.minute && (
        m.confidentialityAt
          ? <Paragraph>{t('overleg.confidentialityRecorded', { text: m.confidentialityText })}</Paragraph>
          : <Button onClick={async () => { if ((await confidentiality.run()).ok) reload(); }} busy={confidentiality.pending}>{t('overleg.recordConfidentiality')}</Button>
      )}
      <Section title={t('overleg.agenda')}>
        {m.agenda.length === 0 && <Paragraph>{t('overleg.agendaEmpty')}</Paragraph>}
        <ol className="zvh-agenda">
          {m.agenda.map((item) => (
            <li key={'besloten' in item ? `b${item.position}` : item.id}>
              {'besloten' in item
                ? <Paragraph><em>{t('overleg.closedItem')}</em></Paragraph>
                : <ItemView m={m} item={item} labels={labels} reload={reload} />}
            </li>
          ))}
        </ol>
      </Section>
      {m.permissions.plan && m.subjectKind !== 'facilitated' && (
        <AddItem meetingId={m.id} onAdded={reload} registrations={m.subjectKind === 'registrations'}
          existing={visible.map((i) => i.caseId ?? i.registrationId ?? '')} />
      )}
      {m.permissions.approve && (
        <Section title={t('overleg.approveTitle')}>
          {approve.error && <Alert type="error">{approve.error.message}</Alert>}
          <Paragraph>{t('overleg.approveIntro')}</Paragraph>
          <Button variant="primary" onClick={async () => { if ((await approve.run()).ok) reload(); }} busy={approve.pending}>{t('overleg.approve')}</Button>
        </Section>
      )}
    </>
  );
}

function ItemView({ m, item, labels, reload }: { m: Meeting; item: VisibleItem; labels: Labels; reload: () => void }) {
  const { t } = useTranslation();
  const s = item.subject;
  const attendees = attendeesOf(item.minutes.attendees);
  const name = s ? `${s.firstName} ${s.lastName}${s.birthYear ? ` (${s.birthYear})` : ''}` : t('overleg.item');
  return (
    <article className="zvh-agenda-item" aria-label={name}>
      <Heading level={3}>
        {item.caseId ? <Link to={`/casussen/${item.caseId}`}>{name}</Link> : name}
      </Heading>
      <Paragraph><strong>{t('overleg.fields.question')}:</strong> {item.question}</Paragraph>
      {s?.reasonSummary && <Paragraph><strong>{t('overleg.fields.reason')}:</strong> {s.reasonSummary} ({labels.municipality(s.municipality)})</Paragraph>}
      {item.earlierAgreements.length > 0 && (
        <>
          <Heading level={4}>{t('overleg.earlierAgreements')}</Heading>
          <ul>{item.earlierAgreements.map((a) => <li key={a.id}>{labels.org(a.partner)}: {a.title} ({a.dueDate ? formatDate(a.dueDate) : '—'}; {t(`overleg.agreementStatus.${a.status}` as 'overleg.agreementStatus.open')})</li>)}</ul>
        </>
      )}
      <Heading level={4}>{t('overleg.contributions')}</Heading>
      {item.contributions.length === 0 ? <Paragraph>{t('overleg.contributionsEmpty')}</Paragraph> : (
        <ul>
          {item.contributions.map((c) => (
            <li key={c.id}>
              <strong>{labels.org(c.organisation)}</strong> ({c.authorName})
              {c.knownFacts && <div>{t('overleg.fields.knownFacts')}: <MultiLine text={c.knownFacts} /></div>}
              {c.involvement && <div>{t('overleg.fields.involvement')}: <MultiLine text={c.involvement} /></div>}
              {c.risks && <div>{t('overleg.fields.risks')}: <MultiLine text={c.risks} /></div>}
            </li>
          ))}
        </ul>
      )}
      {m.permissions.contribute && <ContributionForm meetingId={m.id} itemId={item.id} onSaved={reload} />}
      <Heading level={4}>{t('overleg.minutes')}</Heading>
      {item.minutes.minutedAt ? (
        <>
          <Paragraph><strong>{t('overleg.fields.conclusion')}:</strong> {item.minutes.conclusion}</Paragraph>
          {item.minutes.decisions && <Paragraph><strong>{t('overleg.fields.decisions')}:</strong> {item.minutes.decisions}</Paragraph>}
          {attendees.length > 0 && <Paragraph><strong>{t('overleg.fields.attendees')}:</strong> {attendees.filter((a) => a.present).map((a) => labels.org(a.organisation)).join(', ') || '—'}</Paragraph>}
          {item.minutes.subjectPresent !== null && <Paragraph>{item.minutes.subjectPresent ? t('overleg.subjectPresent') : t('overleg.subjectAbsent')}</Paragraph>}
          {item.agreements.length > 0 && <ul>{item.agreements.map((a) => <li key={a.id}>{labels.org(a.partner)}: {a.title} ({a.dueDate ? formatDate(a.dueDate) : '—'})</li>)}</ul>}
        </>
      ) : <Paragraph>{t('overleg.noMinutes')}</Paragraph>}
      {m.permissions.minute && <MinutesForm meetingId={m.id} item={item} labels={labels} onSaved={reload} />}
    </article>
  );
}

function ContributionForm({ meetingId, itemId, onSaved }: { meetingId: string; itemId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ knownFacts: '', involvement: '', risks: '' });
  const save = useAction((body: Record<string, string>) => api.post(`/api/meetings/${meetingId}/agenda/${itemId}/contributions`, body));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim()));
    if ((await save.run(body)).ok) { setForm({ knownFacts: '', involvement: '', risks: '' }); onSaved(); }
  }
  const f = (k: keyof typeof form) => ({ value: form[k], onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }) });
  return (
    <details className="zvh-agenda-form">
      <summary>{t('overleg.addContribution')}</summary>
      <form onSubmit={submit} noValidate>
        {save.error && <Alert type="error">{save.error.message}</Alert>}
        <TextAreaField id={`kf-${itemId}`} label={t('overleg.fields.knownFacts')} optional rows={3} {...f('knownFacts')} />
        <TextAreaField id={`inv-${itemId}`} label={t('overleg.fields.involvement')} optional rows={3} {...f('involvement')} />
        <TextAreaField id={`risk-${itemId}`} label={t('overleg.fields.risks')} optional rows={3} {...f('risks')} />
        <Button type="submit" busy={save.pending}>{t('overleg.saveContribution')}</Button>
      </form>
    </details>
  );
}

interface AgreementDraft { partner: string; title: string; dueDate: string }

function MinutesForm({ meetingId, item, labels, onSaved }: { meetingId: string; item: VisibleItem; labels: Labels; onSaved: () => void }) {
  const { t } = useTranslation();
  const [conclusion, setConclusion] = useState(item.minutes.conclusion ?? '');
  const [decisions, setDecisions] = useState(item.minutes.decisions ?? '');
  const [subjectPresent, setSubjectPresent] = useState(Boolean(item.minutes.subjectPresent));
  const [present, setPresent] = useState<string[]>(() => attendeesOf(item.minutes.attendees).filter((a) => a.present).map((a) => a.organisation));
  const [agreements, setAgreements] = useState<AgreementDraft[]>([]);
  const save = useAction((body: unknown) => api.post(`/api/meetings/${meetingId}/agenda/${item.id}/minutes`, body));
  const errors = fieldErrorsOf(save.error, t('overleg.invalid'));
  const partners = [{ value: 'zvh', label: labels.org('zvh') }, ...labels.partners()];
  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await save.run({
      conclusion, ...(decisions.trim() ? { decisions } : {}), subjectPresent,
      attendees: present.map((organisation) => ({ organisation, present: true })),
      agreements: agreements.map((a) => ({ partner: a.partner, title: a.title, ...(a.dueDate ? { dueDate: a.dueDate } : {}) })),
    });
    if (res.ok) { setAgreements([]); onSaved(); }
  }
  const setAgreement = (n: number, patch: Partial<AgreementDraft>) => setAgreements(agreements.map((a, i) => (i === n ? { ...a, ...patch } : a)));
  return (
    <details className="zvh-agenda-form" open={!item.minutes.minutedAt}>
      <summary>{item.minutes.minutedAt ? t('overleg.editMinutes') : t('overleg.writeMinutes')}</summary>
      <form onSubmit={submit} noValidate aria-label={t('overleg.minutesFor', { position: item.position })}>
        {save.error && <Alert type="error">{save.error.message}</Alert>}
        <CheckboxGroupField id={`att-${item.id}`} legend={t('overleg.fields.attendees')} options={partners} value={present} onChange={setPresent} />
        <CheckboxField label={t('overleg.subjectPresent')} checked={subjectPresent} onChange={setSubjectPresent} />
        <TextAreaField id={`concl-${item.id}`} label={t('overleg.fields.conclusion')} required rows={3} value={conclusion} onChange={(e) => setConclusion(e.target.value)} error={errors.conclusion} />
        <TextAreaField id={`dec-${item.id}`} label={t('overleg.fields.decisions')} optional rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} />
        {item.caseId && (
          <fieldset className="zvh-agenda-agreements">
            <legend>{t('overleg.newAgreements')}</legend>
            {agreements.map((a, n) => (
              <div key={n} className="zvh-agenda-agreement">
                <SelectField id={`ap-${item.id}-${n}`} label={t('overleg.fields.partner')} value={a.partner} options={partners} onChange={(e) => setAgreement(n, { partner: e.target.value })} required error={errors[`agreements.${n}.partner`]} />
                <TextField id={`at-${item.id}-${n}`} label={t('overleg.fields.agreementTitle')} value={a.title} onChange={(e) => setAgreement(n, { title: e.target.value })} required error={errors[`agreements.${n}.title`]} />
                <DateField id={`ad-${item.id}-${n}`} label={t('overleg.fields.dueDate')} value={a.dueDate} onChange={(e) => setAgreement(n, { dueDate: e.target.value })} optional />
                <Button variant="subtle" onClick={() => setAgreements(agreements.filter((_, i) => i !== n))}>{t('overleg.removeAgreement')}</Button>
              </div>
            ))}
            <Button onClick={() => setAgreements([...agreements, { partner: partners[1]?.value ?? 'zvh', title: '', dueDate: '' }])}>{t('overleg.addAgreement')}</Button>
          </fieldset>
        )}
        <Button type="submit" variant="primary" busy={save.pending}>{t('overleg.saveMinutes')}</Button>
      </form>
    </details>
  );
}

/** Puts a case (or, on the weegoverleg, a registration waiting for triage) on the agenda. */
function AddItem({ meetingId, onAdded, existing, registrations }: { meetingId: string; onAdded: () => void; existing: string[]; registrations: boolean }) {
  const { t } = useTranslation();
  const cases = useApi<{ id: string; subjectName: string }[]>(registrations ? '/api/registrations?status=aangemeld,in_triage&limit=200' : '/api/cases?status=procesregie_lopend,advies,heropend&limit=200');
  const [caseId, setCaseId] = useState('');
  const [question, setQuestion] = useState('');
  const add = useAction((body: unknown) => api.post(`/api/meetings/${meetingId}/agenda`, body));
  const errors = fieldErrorsOf(add.error, t('overleg.invalid'));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await add.run(registrations ? { registrationId: caseId, question } : { caseId, question })).ok) { setCaseId(''); setQuestion(''); onAdded(); }
  }
  return (
    <Section title={registrations ? t('overleg.addRegistrationTitle') : t('overleg.addItemTitle')}>
      <form onSubmit={submit} noValidate>
        {add.error && <Alert type="error">{add.error.message}</Alert>}
        <SelectField id="item-case" label={registrations ? t('overleg.fields.registration') : t('overleg.fields.case')} value={caseId} onChange={(e) => setCaseId(e.target.value)} required
          placeholder={registrations ? t('overleg.chooseRegistration') : t('overleg.chooseCase')}
          options={(cases.data ?? []).filter((c) => !existing.includes(c.id)).map((c) => ({ value: c.id, label: c.subjectName }))} error={errors.caseId ?? errors.registrationId} />
        <TextAreaField id="item-question" label={t('overleg.fields.question')} required rows={2} value={question} onChange={(e) => setQuestion(e.target.value)} error={errors.question} />
        <Button type="submit" variant="primary" busy={add.pending}>{t('overleg.addItem')}</Button>
      </form>
    </Section>
  );
}
