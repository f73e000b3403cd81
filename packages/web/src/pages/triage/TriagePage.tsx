// SPDX-License-Identifier: EUPL-1.2
// Triage (weegoverleg) of one registration: the summary, the person's earlier and running
// cases, the national criteria with a live verdict, the outcome and, for an outcome that opens
// a case, its purpose (doelbinding) and participating partners.
import { can } from '@zvh/shared';
import { isCaseOpen, meetsProcesregieCriteria, type TriageCriteria } from '@zvh/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  CheckboxGroupField,
  Link,
  Notice,
  Paragraph,
  Section,
  SelectField,
  TextAreaField,
} from '../../ui';
import { RegistrationSummary, personName } from '../aanmelding/RegistrationSummary';
import { HistoryTable } from '../casus/common/HistoryTable';
import { Details, ErrorSummary, FormSection, LoadBoundary, RadioGroupField, StatusText, mapServerErrors, useErrorText, type SummaryError } from '../casus/common/forms';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { RegistrationDetail, TriageOutcome } from '../casus/common/types';
import { OtherZvhCheck } from '../andere-zvh/OtherZvhCheck';

const CRITERIA = ['multiProblem', 'multipleChains', 'systemImpact', 'areaSafety'] as const;
const NO_CRITERIA: TriageCriteria = { multiProblem: false, multipleChains: false, systemImpact: false, areaSafety: false };

export const triageFieldId = (key: string) => `triage-${key.replace(/\./g, '-')}`;

export default function TriagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const reg = useApi<RegistrationDetail>(`/api/registrations/${encodeURIComponent(id)}`);
  const reference = useReference();
  const title = reg.data ? t('triage.title', { name: personName(reg.data.subject) }) : t('triage.titleLoading');
  return (
    <Page title={title}>
      <Paragraph>
        <Link to="/triage">{t('triage.backToList')}</Link>
      </Paragraph>
      <LoadBoundary state={{ ...reg, data: reg.data && reference.data ? { r: reg.data, ref: reference.data } : undefined, error: reg.error ?? reference.error }}>
        {({ r, ref }) => <TriageContent reg={r} labels={labelsFor(ref)} reload={reg.reload} />}
      </LoadBoundary>
    </Page>
  );
}

function TriageContent({ reg, labels, reload }: { reg: RegistrationDetail; labels: Labels; reload: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [notice, setNotice] = useState<string>();
  const start = useAction(() => api.post<{ status: string }>(`/api/registrations/${reg.id}/triage/start`));
  const waiting = reg.status === 'aangemeld' || reg.status === 'in_triage';
  const running = reg.history.filter((h) => h.caseStatus && isCaseOpen(h.caseStatus));
  const name = personName(reg.subject);

  const startTriage = async () => {
    const res = await start.run();
    if (res.ok) {
      setNotice(t('triage.started'));
      reload();
    }
  };

  return (
    <>
      <Notice message={notice} />
      <Details
        items={[
          { label: t('caseFlow.fields.status'), value: <StatusText status={reg.status} /> },
          { label: t('aanmelding.fields.urgency'), value: labels.code('urgency', reg.urgency) },
          { label: t('aanmelding.fields.registeringPartner'), value: labels.org(reg.registeringPartner) },
        ]}
      />
      {reg.status === 'aangemeld' && (
        <div className="zvh-toolbar">
          <Button onClick={startTriage} busy={start.pending}>
            {t('triage.start')}
          </Button>
          <span className="zvh-cf-muted">{t('triage.startHelp')}</span>
        </div>
      )}
      {start.error && (
        <Alert type="error" focus>
          {errorText(start.error)}
        </Alert>
      )}

      <Section title={t('caseFlow.history.title')}>
        {running.length > 0 ? (
          <Alert type="warning" title={t('triage.runningTitle', { count: running.length })} titleLevel={3}>
            {t('triage.runningMessage', { name })}
          </Alert>
        ) : reg.history.length > 0 ? (
          <Paragraph>{t('triage.knownBefore', { name, count: reg.history.length })}</Paragraph>
        ) : (
          <Paragraph>{t('triage.notKnown', { name })}</Paragraph>
        )}
        {reg.history.length > 0 && <HistoryTable items={reg.history} labels={labels} caption={t('caseFlow.history.caption', { name })} />}
      </Section>

      <OtherZvhCheck personId={reg.subject.id} hasBsn={Boolean(reg.subject.bsn)} />

      <Section title={t('triage.registrationTitle')}>
        <RegistrationSummary reg={reg} labels={labels} level={3} />
      </Section>

      <Section title={t('triage.formTitle')}>
        {waiting ? (
          <TriageForm reg={reg} labels={labels} />
        ) : (
          <Alert type="info" title={t('triage.doneAlreadyTitle')} titleLevel={3}>
            <Paragraph>
              {t('triage.doneAlready')} <StatusText status={reg.status} />.
            </Paragraph>
            <Paragraph>
              {reg.caseId ? <Link to={`/casussen/${reg.caseId}`}>{t('triage.toCase')}</Link> : <Link to={`/aanmeldingen/${reg.id}`}>{t('triage.toRegistration')}</Link>}
            </Paragraph>
          </Alert>
        )}
      </Section>
    </>
  );
}

interface TriageValues {
  criteria: TriageCriteria;
  outcome: TriageOutcome | '';
  approach: string;
  purpose: string;
  participants: string[];
  leadPartner: string;
  advice: string;
  referralPlace: string;
  referralNote: string;
  overrideReason: string;
  regisseurId: string;
}

const KNOWN = ['criteria', 'outcome', 'approach', 'purpose', 'participants', 'leadPartner', 'advice', 'referredTo', 'referredTo.place', 'referredTo.note', 'override', 'override.reason', 'regisseurId'];
const ERROR_FIELD: Record<string, string> = { 'referredTo.place': 'referralPlace', referredTo: 'referralPlace', 'referredTo.note': 'referralNote', override: 'overrideReason', 'override.reason': 'overrideReason' };

function TriageForm({ reg, labels }: { reg: RegistrationDetail; labels: Labels }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [values, setValues] = useState<TriageValues>({
    criteria: NO_CRITERIA,
    outcome: '',
    approach: '',
    purpose: '',
    // the registrant takes part by default; the triage decides who else
    participants: [reg.registeringPartner],
    leadPartner: '',
    advice: '',
    referralPlace: '',
    referralNote: '',
    overrideReason: '',
    regisseurId: can(user.roles, 'case.direct') ? user.id : '',
  });
  const regisseurs = useApi<{ id: string; name: string }[]>('/api/regisseurs');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const submit = useAction((body: unknown) => api.post<{ caseId: string | null; status: string; criteriaMet: boolean }>(`/api/registrations/${reg.id}/triage`, body));

  const set = <K extends keyof TriageValues>(key: K, value: TriageValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const met = meetsProcesregieCriteria(values.criteria);
  const procesregie = values.outcome === 'procesregie';
  const opensCase = procesregie || values.outcome === 'advies';

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!values.outcome) e.outcome = t('triage.errors.outcome');
    if (procesregie && !values.approach) e.approach = t('triage.errors.approach');
    if (opensCase && !values.purpose.trim()) e.purpose = t('triage.errors.purpose');
    if (procesregie && values.participants.length === 0) e.participants = t('triage.errors.participants');
    if (procesregie && !met && !values.overrideReason.trim()) e.overrideReason = t('triage.errors.overrideReason');
    if (values.outcome === 'terugleggen' && !values.advice.trim()) e.advice = t('triage.errors.advice');
    if (values.outcome === 'doorverwijzen' && !values.referralPlace) e.referralPlace = t('triage.errors.referralPlace');
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setAttempt((a) => a + 1);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    const outcome = values.outcome as TriageOutcome;
    const body = {
      criteria: values.criteria,
      outcome,
      ...(procesregie ? { approach: values.approach } : {}),
      ...(opensCase ? { purpose: values.purpose.trim(), participants: values.participants } : {}),
      ...(opensCase && values.leadPartner ? { leadPartner: values.leadPartner } : {}),
      ...(opensCase && values.regisseurId ? { regisseurId: values.regisseurId } : {}),
      ...(procesregie && !met ? { override: { reason: values.overrideReason.trim() } } : {}),
      ...(outcome === 'terugleggen' ? { advice: values.advice.trim() } : {}),
      ...(outcome === 'doorverwijzen' ? { referredTo: { place: values.referralPlace, ...(values.referralNote.trim() ? { note: values.referralNote.trim() } : {}) } } : {}),
    };
    const result = await submit.run(body);
    if (result.ok) {
      const name = personName(reg.subject);
      if (result.value.caseId) navigate(`/casussen/${result.value.caseId}`, { state: { notice: t('triage.doneCase', { name }) } });
      else navigate('/triage', { state: { notice: t('triage.done', { name, outcome: labels.code('triageOutcome', outcome) }) } });
    } else if (result.error) {
      const mapped = mapServerErrors(result.error, KNOWN);
      setErrors(Object.fromEntries(Object.entries(mapped).map(([k, m]) => [ERROR_FIELD[k] ?? k, m])));
    }
  };

  const label = (key: string): string => {
    if (key === 'criteria') return t('triage.criteriaTitle');
    return t(`triage.fields.${key as 'outcome'}`, { defaultValue: key });
  };
  const summary: SummaryError[] = Object.entries(errors)
    .filter(([k]) => k !== '')
    .map(([k, message]) => ({ id: triageFieldId(k), label: label(k), message }));
  const general = submit.error && (submit.error.fieldErrors.length === 0 || submit.error.code === 'criteria_not_met') ? errorText(submit.error) : errors[''];

  const partnerOptions = labels.partners(values.participants);
  const leadOptions = partnerOptions.filter((o) => values.participants.includes(o.value));

  return (
    <form noValidate onSubmit={onSubmit} className="zvh-cf-form">
      <ErrorSummary errors={summary} attempt={attempt} message={general} />

      <div id={triageFieldId('criteria')}>
        <FormSection legend={t('triage.criteriaTitle')} description={t('triage.criteriaIntro')} level={3}>
          {CRITERIA.map((k) => (
            <CheckboxField
              key={k}
              name={`criteria-${k}`}
              label={t(`triage.criteria.${k}`)}
              checked={values.criteria[k]}
              onChange={(on) => set('criteria', { ...values.criteria, [k]: on })}
            />
          ))}
          <div className={`zvh-cf-criteria-result zvh-cf-criteria-result--${met ? 'yes' : 'no'}`} aria-live="polite" aria-atomic="true" id="triage-verdict">
            {t('triage.verdict')} {met ? t('common.yes') : t('common.no')}
          </div>
          <Paragraph className="zvh-cf-muted">{t('triage.rule')}</Paragraph>
          {errors.criteria && (
            <Alert type="error" titleLevel={4}>
              {errors.criteria}
            </Alert>
          )}
        </FormSection>
      </div>

      <FormSection legend={t('triage.outcomeTitle')} level={3}>
        <RadioGroupField
          id={triageFieldId('outcome')}
          legend={t('triage.fields.outcome')}
          options={labels.options('triageOutcome', values.outcome).map((o) => ({
            ...o,
            description: t(`triage.outcomeHelp.${o.value as TriageOutcome}`, { defaultValue: '' }) || undefined,
          }))}
          value={values.outcome}
          onChange={(v) => set('outcome', v as TriageOutcome)}
          error={errors.outcome}
          required
        />
        {procesregie && !met && (
          <>
            <Alert type="warning" titleLevel={4} title={t('triage.overrideTitle')}>
              {t('triage.overrideMessage')}
            </Alert>
            <TextAreaField
              id={triageFieldId('overrideReason')}
              label={t('triage.fields.overrideReason')}
              description={t('triage.overrideDescription')}
              value={values.overrideReason}
              onChange={(e) => set('overrideReason', e.currentTarget.value)}
              error={errors.overrideReason}
              maxLength={2000}
              required
            />
          </>
        )}
        {procesregie && (
          <RadioGroupField
            id={triageFieldId('approach')}
            legend={t('triage.fields.approach')}
            options={labels.options('approach', values.approach)}
            value={values.approach}
            onChange={(v) => set('approach', v)}
            error={errors.approach}
            required
          />
        )}
        {values.outcome === 'terugleggen' && (
          <TextAreaField
            id={triageFieldId('advice')}
            label={t('triage.fields.advice')}
            description={t('triage.adviceDescription')}
            value={values.advice}
            onChange={(e) => set('advice', e.currentTarget.value)}
            error={errors.advice}
            maxLength={5000}
            required
          />
        )}
        {values.outcome === 'doorverwijzen' && (
          <>
            <SelectField
              id={triageFieldId('referralPlace')}
              label={t('triage.fields.referralPlace')}
              placeholder={t('common.choose')}
              options={labels.options('referralPlace', values.referralPlace)}
              value={values.referralPlace}
              onChange={(e) => set('referralPlace', e.currentTarget.value)}
              error={errors.referralPlace}
              required
            />
            <TextAreaField
              id={triageFieldId('referralNote')}
              label={t('triage.fields.referralNote')}
              value={values.referralNote}
              onChange={(e) => set('referralNote', e.currentTarget.value)}
              error={errors.referralNote}
              maxLength={2000}
              optional
            />
          </>
        )}
      </FormSection>

      {opensCase && (
        <FormSection legend={t('triage.caseTitle')} description={t('triage.caseIntro')} level={3}>
          <TextAreaField
            id={triageFieldId('purpose')}
            label={t('triage.fields.purpose')}
            description={t('triage.purposeDescription')}
            value={values.purpose}
            onChange={(e) => set('purpose', e.currentTarget.value)}
            error={errors.purpose}
            maxLength={2000}
            required
          />
          <CheckboxGroupField
            id={triageFieldId('participants')}
            legend={t('triage.fields.participants')}
            description={values.outcome === 'advies' ? t('triage.participantsAdvice') : t('triage.participantsDescription')}
            options={partnerOptions}
            value={values.participants}
            onChange={(v) => setValues((cur) => ({ ...cur, participants: v, leadPartner: v.includes(cur.leadPartner) ? cur.leadPartner : '' }))}
            error={errors.participants}
            name="participants"
          />
          <SelectField
            id={triageFieldId('leadPartner')}
            label={t('triage.fields.leadPartner')}
            description={t('triage.leadPartnerDescription')}
            placeholder={t('triage.noLeadPartner')}
            options={leadOptions}
            value={values.leadPartner}
            onChange={(e) => set('leadPartner', e.currentTarget.value)}
            error={errors.leadPartner}
            optional
          />
          <SelectField
            id={triageFieldId('regisseurId')}
            label={t('triage.fields.regisseurId')}
            description={values.regisseurId ? (values.regisseurId === user.id ? t('triage.regisseurSelf', { name: user.name }) : undefined) : t('triage.regisseurLater')}
            placeholder={t('triage.regisseurLater')}
            options={(regisseurs.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={values.regisseurId}
            onChange={(e) => set('regisseurId', e.currentTarget.value)}
            error={errors.regisseurId}
            optional
          />
        </FormSection>
      )}

      <ButtonGroup>
        <Button type="submit" variant="primary" busy={submit.pending}>
          {submit.pending ? t('triage.saving') : t('triage.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
