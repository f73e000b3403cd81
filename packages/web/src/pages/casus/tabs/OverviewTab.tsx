// SPDX-License-Identifier: EUPL-1.2
// Overzicht: the person, household, the case's purpose and direction, the participating
// partners (add/remove with a reason) and the AVE phase (change with a reason).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { ApiError } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { useUser } from '../../../auth/AuthContext';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  DataTable,
  FormDialog,
  Heading,
  Link,
  Paragraph,
  Section,
  SelectField,
  TextAreaField,
  VisuallyHidden,
  type Column,
} from '../../../ui';
import { personName } from '../../aanmelding/RegistrationSummary';
import { InformingPanel } from '../../aanmelding/InformingPanel';
import { Details, ErrorSummary, MultiLine, RadioGroupField, StaleVersionAlert, StatusText, mapServerErrors, useErrorText } from '../common/forms';
import { ageOf, formatDate, formatDateTime } from '../common/format';
import type { Participant, PendingParticipant } from '../common/types';
import type { CaseTabProps } from './props';

export const AVE_PHASES = [1, 2, 3, 4] as const;

export function OverviewTab(props: CaseTabProps) {
  const { t } = useTranslation();
  const { c, labels, zvh } = props;
  const subject = c.subject;
  const age = subject ? ageOf(subject.birthDate) : undefined;
  return (
    <>
      <Heading level={2}>{t('casus.tabs.overview')}</Heading>
      {!subject ? (
        <Section title={t('aanmelding.subjectTitle')} level={3}>
          <Paragraph>{t('caseFlow.anonymousSubject')}</Paragraph>
        </Section>
      ) : (
      <>
      <Section title={t('aanmelding.subjectTitle')} level={3}>
        <Details
          items={[
            { label: t('caseFlow.fields.name'), value: personName(subject) },
            {
              label: t('aanmelding.fields.birthDate'),
              value: subject.birthDate ? `${formatDate(subject.birthDate)}${age !== undefined ? ` (${t('caseFlow.age', { count: age })})` : ''}` : '—',
            },
            { label: t('aanmelding.fields.gender'), value: labels.code('gender', subject.gender) },
            ...(zvh ? [{ label: t('aanmelding.fields.bsn'), value: subject.bsn ?? t('caseFlow.unknown') }] : []),
            { label: t('aanmelding.fields.municipality'), value: labels.municipality(c.registration.municipality) },
          ]}
        />
        {zvh && (
          <Paragraph>
            <Link to={`/personen/${subject.id}`}>{t('casus.toPerson', { name: personName(subject) })}</Link>
          </Paragraph>
        )}
      </Section>
      <Section title={t('aanmelding.householdTitle')} level={3}>
        <DataTable
          caption={t('caseFlow.householdCaption', { name: personName(subject) })}
          columns={[
            { key: 'name', header: t('caseFlow.fields.name'), rowHeader: true, cell: (m) => personName(m) },
            { key: 'relation', header: t('aanmelding.fields.relation'), cell: (m) => labels.code('relation', m.relation) },
            { key: 'birthDate', header: t('aanmelding.fields.birthDate'), cell: (m) => formatDate(m.birthDate) },
          ]}
          rows={c.household}
          rowKey={(m) => m.id}
          emptyMessage={t('caseFlow.householdEmpty')}
        />
      </Section>
      <InformingPanel registrationId={c.registrationId} level={3} />
      </>
      )}
      <CaseDetails {...props} />
      <Participants {...props} />
      <AvePhase {...props} />
    </>
  );
}

function CaseDetails({ c, labels, reload, notify, zvh }: CaseTabProps) {
  const { t } = useTranslation();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ approach: '', purpose: '', leadPartner: '', assignMe: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const save = useAction((body: unknown) => api.patch<{ version: number }>(`/api/cases/${c.id}`, body));
  const errorText = useErrorText();
  const evaluation = c.evaluation;
  const activePartners = c.participants.filter((p) => !p.removedAt);

  const edit = () => {
    save.reset();
    setStale(false);
    setErrors({});
    setValues({ approach: c.approach ?? '', purpose: c.purpose, leadPartner: c.leadPartner ?? '', assignMe: false });
    setOpen(true);
  };

  const submit = async () => {
    setAttempt((a) => a + 1);
    if (!values.purpose.trim()) {
      setErrors({ purpose: t('triage.errors.purpose') });
      return;
    }
    setErrors({});
    const body: Record<string, unknown> = { version: c.version };
    if (values.purpose.trim() !== c.purpose) body.purpose = values.purpose.trim();
    if (c.kind === 'procesregie' && values.approach && values.approach !== c.approach) body.approach = values.approach;
    if ((values.leadPartner || null) !== c.leadPartner) body.leadPartner = values.leadPartner || null;
    if (values.assignMe) body.regisseurId = user.id;
    const res = await save.run(body);
    if (res.ok) {
      setOpen(false);
      notify(t('casus.detailsSaved'));
      reload();
    } else if (res.error?.code === 'stale_version') {
      setStale(true);
    } else {
      setErrors(mapServerErrors(res.error, ['purpose', 'approach', 'leadPartner', 'regisseurId']));
    }
  };

  return (
    <Section title={t('casus.detailsTitle')} level={3}>
      <Details
        items={[
          { label: t('caseFlow.fields.status'), value: <StatusText status={c.status} /> },
          { label: t('casus.fields.kind'), value: labels.code('caseKind', c.kind) },
          ...(c.kind === 'procesregie' ? [{ label: t('triage.fields.approach'), value: labels.code('approach', c.approach) }] : []),
          { label: t('triage.fields.purpose'), value: <MultiLine text={c.purpose} /> },
          { label: t('casus.fields.startedAt'), value: formatDate(c.startedAt) },
          { label: t('casus.fields.regisseur'), value: c.regisseurName ?? t('casus.noRegisseur') },
          { label: t('triage.fields.leadPartner'), value: c.leadPartner ? labels.org(c.leadPartner) : t('triage.noLeadPartner') },
          { label: t('aanmelding.fields.registeringPartner'), value: labels.org(c.registration.registeringPartner) },
          { label: t('caseFlow.fields.registeredAt'), value: zvh ? <Link to={`/aanmeldingen/${c.registration.id}`}>{formatDate(c.registration.registeredAt)}</Link> : formatDate(c.registration.registeredAt) },
          { label: t('aanmelding.fields.mainTopic'), value: labels.code('mainTopic', c.registration.mainTopic) },
          { label: t('aanmelding.fields.problemAreas'), value: c.registration.problemAreas?.length ? c.registration.problemAreas.map((p) => labels.code('problemArea', p)).join(', ') : t('caseFlow.none') },
          { label: t('aanmelding.fields.urgency'), value: labels.code('urgency', c.registration.urgency) },
          ...(c.closedAt
            ? [
                { label: t('casus.fields.closedAt'), value: formatDate(c.closedAt) },
                { label: t('casus.close.fields.reasonCode'), value: labels.code('closeReason', c.closeReasonCode) },
                { label: t('casus.close.fields.reason'), value: <MultiLine text={c.closeReason} /> },
                ...(c.handoverPartner ? [{ label: t('casus.close.fields.handoverPartner'), value: labels.org(c.handoverPartner) }] : []),
                ...(evaluation?.handoverNote ? [{ label: t('casus.close.fields.handoverNote'), value: <MultiLine text={evaluation.handoverNote} /> }] : []),
                ...(evaluation?.goalsMet ? [{ label: t('casus.close.fields.goalsMet'), value: t(`casus.close.goalsMet.${evaluation.goalsMet}`) }] : []),
                ...(evaluation?.helped ? [{ label: t('casus.close.fields.helped'), value: <MultiLine text={evaluation.helped} /> }] : []),
                ...(evaluation?.stalled ? [{ label: t('casus.close.fields.stalled'), value: <MultiLine text={evaluation.stalled} /> }] : []),
              ]
            : []),
        ]}
      />
      {c.permissions.manage && (
        <div className="zvh-toolbar">
          <Button onClick={edit}>{t('casus.editDetails')}</Button>
        </div>
      )}
      <FormDialog
        open={open}
        title={t('casus.editDetails')}
        onClose={() => setOpen(false)}
        onSubmit={submit}
        submitLabel={t('common.save')}
        busy={save.pending}
        message={
          stale ? (
            <StaleVersionAlert
              attempt={attempt}
              onReload={() => {
                setOpen(false);
                reload();
              }}
            />
          ) : (
            <ErrorSummary
              attempt={attempt}
              errors={Object.entries(errors)
                .filter(([k]) => k)
                .map(([k, m]) => ({ id: `casus-details-${k}`, label: t(`triage.fields.${k as 'purpose'}`, { defaultValue: k }), message: m }))}
              message={save.error && !stale && save.error.fieldErrors.length === 0 ? errorText(save.error) : undefined}
            />
          )
        }
      >
        {c.kind === 'procesregie' && (
          <RadioGroupField
            id="casus-details-approach"
            legend={t('triage.fields.approach')}
            options={labels.options('approach', values.approach)}
            value={values.approach}
            onChange={(v) => setValues((s) => ({ ...s, approach: v }))}
            error={errors.approach}
          />
        )}
        <TextAreaField
          id="casus-details-purpose"
          label={t('triage.fields.purpose')}
          description={t('casus.purposeChangeDescription')}
          value={values.purpose}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setValues((s) => ({ ...s, purpose: v }));
          }}
          error={errors.purpose}
          maxLength={2000}
          required
        />
        <SelectField
          id="casus-details-leadPartner"
          label={t('triage.fields.leadPartner')}
          placeholder={t('triage.noLeadPartner')}
          options={activePartners.map((p) => ({ value: p.partner, label: p.name ?? labels.org(p.partner) }))}
          value={values.leadPartner}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setValues((s) => ({ ...s, leadPartner: v }));
          }}
          error={errors.leadPartner}
          optional
        />
        {c.regisseurId !== user.id && (
          <CheckboxField
            label={t('casus.assignMe', { name: user.name })}
            description={c.regisseurName ? t('casus.assignMeDescription', { name: c.regisseurName }) : undefined}
            checked={values.assignMe}
            onChange={(on) => setValues((s) => ({ ...s, assignMe: on }))}
            error={errors.regisseurId}
          />
        )}
      </FormDialog>
    </Section>
  );
}

function Participants({ c, labels, reload, notify, zvh }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [partner, setPartner] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [reason, setReason] = useState('');
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const [removeError, setRemoveError] = useState<string>();
  const [removeAttempt, setRemoveAttempt] = useState(0);
  // a partner with professional secrecy answers 202 with an approval id: it waits for a second ZVH person (four eyes)
  const add = useAction((body: { partner: string; reason: string; municipality?: string }) =>
    api.post<{ partner: string; municipality: string | null; approvalId?: string }>(`/api/cases/${c.id}/participants`, body));
  const remove = useAction((p: Participant, r: string) =>
    api.post(`/api/cases/${c.id}/participants/${encodeURIComponent(p.partner)}/remove`, { reason: r, ...(p.municipality ? { municipality: p.municipality } : {}) }),
  );
  // after a removal the row's button is gone: once the new list is in, continue at the add form
  const focusAfterRemoval = useRef(false);
  useEffect(() => {
    if (!focusAfterRemoval.current) return;
    focusAfterRemoval.current = false;
    document.getElementById('deelnemer-partner')?.focus();
  }, [c.participants]);
  const active = c.participants.filter((p) => !p.removedAt);
  // a municipal partner takes part per municipality: another municipality's department can still be added
  const pending = c.pendingParticipants ?? [];
  const available = labels.partners().filter((o) => labels.municipal(o.value) || !(active.some((p) => p.partner === o.value) || pending.some((p) => p.partner === o.value)));
  const municipal = labels.municipal(partner);
  const secrecy = labels.secrecy(partner);
  const name = (p: Participant) => {
    const org = p.name ?? labels.org(p.partner);
    return p.municipality ? t('casus.participants.department', { organisation: org, municipality: p.municipalityName ?? labels.municipality(p.municipality) }) : org;
  };

  const submitAdd = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!partner) found.partner = t('casus.participants.errors.partner');
    if (!reason.trim()) found.reason = t('casus.participants.errors.reason');
    setAddErrors(found);
    if (Object.keys(found).length) return;
    const res = await add.run({ partner, reason: reason.trim(), ...(municipal && municipality ? { municipality } : {}) });
    if (res.ok) {
      const org = labels.org(partner);
      const shown = municipal && municipality ? t('casus.participants.department', { organisation: org, municipality: labels.municipality(municipality) }) : org;
      notify(res.value.approvalId ? t('casus.participants.awaitingApproval', { name: shown }) : t('casus.participants.added', { name: shown }));
      setPartner('');
      setMunicipality('');
      setReason('');
      reload();
    } else setAddErrors(mapServerErrors(res.error, ['partner', 'municipality', 'reason']));
  };

  const submitRemove = async () => {
    if (!removing) return;
    setRemoveAttempt((a) => a + 1);
    if (!removeReason.trim()) {
      setRemoveError(t('casus.participants.errors.reason'));
      return;
    }
    setRemoveError(undefined);
    const res = await remove.run(removing, removeReason.trim());
    if (res.ok) {
      notify(t('casus.participants.removed', { name: name(removing) }));
      focusAfterRemoval.current = true;
      setRemoving(null);
      reload();
    }
  };

  const columns: Column<Participant>[] = [
    { key: 'name', header: t('casus.participants.partner'), rowHeader: true, cell: name },
    { key: 'since', header: t('casus.participants.since'), cell: (p) => formatDateTime(p.addedAt) },
    { key: 'reason', header: t('casus.participants.reason'), cell: (p) => (p.addReason === 'triage' ? t('casus.participants.fromTriage') : p.addReason ?? '—') },
    ...(zvh
      ? [
          {
            key: 'status',
            header: t('caseFlow.fields.status'),
            cell: (p: Participant) =>
              p.removedAt ? t('casus.participants.ended', { date: formatDateTime(p.removedAt), reason: p.removeReason ?? '' }) : t('casus.participants.active'),
          },
        ]
      : []),
    ...(c.permissions.manage
      ? [
          {
            key: 'actions',
            header: t('casus.actions'),
            hiddenHeader: true,
            cell: (p: Participant) =>
              p.removedAt ? null : (
                <Button
                  onClick={() => {
                    remove.reset();
                    setRemoveReason('');
                    setRemoveError(undefined);
                    setRemoving(p);
                  }}
                >
                  {t('casus.participants.remove')}
                  <VisuallyHidden> {name(p)}</VisuallyHidden>
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Section title={t('casus.participants.title')} level={3}>
      <Paragraph>{t('casus.participants.intro')}</Paragraph>
      <DataTable caption={t('casus.participants.caption')} columns={columns} rows={c.participants} rowKey={(p) => `${p.partner}-${p.municipality ?? ''}-${p.addedAt}`} emptyMessage={t('casus.participants.empty')} />
      {pending.length > 0 && (
        <DataTable
          caption={t('casus.participants.pendingCaption')}
          columns={[
            { key: 'name', header: t('casus.participants.partner'), rowHeader: true, cell: (p) => {
              const org = p.name ?? labels.org(p.partner);
              return p.municipality ? t('casus.participants.department', { organisation: org, municipality: labels.municipality(p.municipality) }) : org;
            } },
            { key: 'requested', header: t('casus.participants.requested'), cell: (p) => `${formatDateTime(p.requestedAt)}, ${p.requestedByName}` },
            { key: 'reason', header: t('casus.participants.reason'), cell: (p) => p.reason ?? '—' },
            { key: 'status', header: t('caseFlow.fields.status'), cell: () => t('casus.participants.waiting') },
          ] satisfies Column<PendingParticipant>[]}
          rows={pending}
          rowKey={(p) => p.approvalId}
          emptyMessage=""
        />
      )}
      {c.permissions.manage && (
        <form noValidate onSubmit={submitAdd} className="zvh-cf-form">
          <Heading level={4}>{t('casus.participants.addTitle')}</Heading>
          <ErrorSummary
            attempt={attempt}
            errors={Object.entries(addErrors)
              .filter(([k]) => k)
              .map(([k, m]) => ({ id: `deelnemer-${k}`, label: t(`casus.participants.fields.${k as 'partner'}`, { defaultValue: k }), message: m }))}
            message={add.error && add.error.fieldErrors.length === 0 ? errorText(add.error) : undefined}
          />
          <SelectField
            id="deelnemer-partner"
            label={t('casus.participants.fields.partner')}
            placeholder={t('common.choose')}
            options={available}
            value={partner}
            onChange={(e) => {
              setPartner(e.currentTarget.value);
              setMunicipality('');
            }}
            error={addErrors.partner}
            description={secrecy ? t('casus.participants.secrecyDescription') : undefined}
            required
          />
          {municipal && (
            <SelectField
              id="deelnemer-municipality"
              label={t('casus.participants.fields.municipality')}
              description={t('casus.participants.municipalityDescription')}
              optional
              placeholder={t('casus.participants.caseMunicipality')}
              options={labels.municipalities()}
              value={municipality}
              onChange={(e) => setMunicipality(e.currentTarget.value)}
              error={addErrors.municipality}
            />
          )}
          <TextAreaField
            id="deelnemer-reason"
            label={t('casus.participants.fields.reason')}
            description={t('casus.participants.reasonDescription')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={addErrors.reason}
            rows={3}
            maxLength={2000}
            required
          />
          <ButtonGroup>
            <Button type="submit" busy={add.pending}>
              {t('casus.participants.add')}
            </Button>
          </ButtonGroup>
        </form>
      )}
      <FormDialog
        open={removing !== null}
        title={t('casus.participants.removeTitle', { name: removing ? name(removing) : '' })}
        onClose={() => setRemoving(null)}
        onSubmit={submitRemove}
        submitLabel={t('casus.participants.remove')}
        busy={remove.pending}
        invalidAttempt={removeError ? removeAttempt : 0}
        message={remove.error ? <ActionError error={remove.error} attempt={removeAttempt} /> : undefined}
      >
        <Paragraph>{t('casus.participants.removeMessage')}</Paragraph>
        <TextAreaField
          id="deelnemer-verwijderen-reden"
          label={t('casus.participants.fields.reason')}
          value={removeReason}
          onChange={(e) => setRemoveReason(e.currentTarget.value)}
          error={removeError}
          rows={3}
          maxLength={2000}
          required
        />
      </FormDialog>
    </Section>
  );
}

function AvePhase({ c, reload, notify }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [phase, setPhase] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction((body: { phase: number; reason: string }) => api.post(`/api/cases/${c.id}/ave-phase`, body));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!phase) found.phase = t('casus.ave.errors.phase');
    else if (Number(phase) === c.avePhase) found.phase = t('casus.ave.errors.same', { phase });
    if (!reason.trim()) found.reason = t('casus.ave.errors.reason');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await save.run({ phase: Number(phase), reason: reason.trim() });
    if (res.ok) {
      notify(t('casus.ave.saved', { phase }));
      setPhase('');
      setReason('');
      reload();
    } else setErrors(mapServerErrors(res.error, ['phase', 'reason']));
  };

  return (
    <Section title={t('casus.ave.title')} level={3}>
      <Paragraph>{t('casus.ave.intro')}</Paragraph>
      <Details items={[{ label: t('casus.ave.current'), value: c.avePhase ? t('casus.ave.phase', { phase: c.avePhase }) : t('casus.ave.none') }]} />
      {c.permissions.manage && (
        <form noValidate onSubmit={submit} className="zvh-cf-form">
          <Heading level={4}>{t('casus.ave.changeTitle')}</Heading>
          <ErrorSummary
            attempt={attempt}
            errors={Object.entries(errors)
              .filter(([k]) => k)
              .map(([k, m]) => ({ id: `ave-${k}`, label: t(`casus.ave.fields.${k as 'phase'}`, { defaultValue: k }), message: m }))}
            message={save.error && save.error.fieldErrors.length === 0 ? errorText(save.error) : undefined}
          />
          <RadioGroupField
            id="ave-phase"
            legend={t('casus.ave.fields.phase')}
            options={AVE_PHASES.map((p) => ({ value: String(p), label: t('casus.ave.phase', { phase: p }) + (p === c.avePhase ? ` (${t('casus.ave.currentShort')})` : '') }))}
            value={phase}
            onChange={setPhase}
            error={errors.phase}
            required
          />
          <TextAreaField
            id="ave-reason"
            label={t('casus.ave.fields.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            rows={3}
            maxLength={2000}
            required
          />
          <ButtonGroup>
            <Button type="submit" busy={save.pending}>
              {t('casus.ave.submit')}
            </Button>
          </ButtonGroup>
        </form>
      )}
    </Section>
  );
}

/** A failed action's message in a dialog or form. */
export function ActionError({ error, attempt }: { error: ApiError; attempt: number }) {
  const errorText = useErrorText();
  return (
    <Alert key={attempt} type="error" focus>
      {errorText(error)}
    </Alert>
  );
}

