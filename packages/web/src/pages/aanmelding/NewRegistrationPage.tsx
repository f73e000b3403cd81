// SPDX-License-Identifier: EUPL-1.2
// Aanmelding: a partner professional (or ZVH staff on their behalf) registers a case. One long
// form in sections; after sending, a confirmation with the status and a link to the registration.
import { isValidBsn } from '@zvh/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useAction } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  CheckboxGroupField,
  DateField,
  Link,
  Paragraph,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui';
import { todayIso } from '../casus/common/format';
import { ErrorSummary, FormSection, LoadBoundary, RadioGroupField, StatusText, focusField, mapServerErrors, useErrorText, type SummaryError } from '../casus/common/forms';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { Status } from '@zvh/shared';

interface PersonForm {
  firstName: string;
  lastName: string;
  birthDate: string;
  gender: string;
  bsn: string;
}

interface MemberForm extends PersonForm {
  key: number;
  relation: string;
}

interface FormValues {
  registeringPartner: string;
  municipality: string;
  subject: PersonForm;
  household: MemberForm[];
  kind: string;
  mainTopic: string;
  problemAreas: string[];
  children: string;
  crossesMunicipalityBorder: boolean;
  tried: string;
  involvedPartners: string[];
  urgency: string;
  reason: string;
}

const EMPTY_PERSON: PersonForm = { firstName: '', lastName: '', birthDate: '', gender: '', bsn: '' };

/** The id of the control for a field path ("household.0.bsn" -> "aanmelding-household-0-bsn"). */
export const fieldId = (path: string) => `aanmelding-${path.replace(/\./g, '-')}`;

type Errors = Record<string, string>;

function initialValues(partner: string, municipality: string): FormValues {
  return {
    registeringPartner: partner,
    municipality,
    subject: { ...EMPTY_PERSON },
    household: [],
    kind: '',
    mainTopic: '',
    problemAreas: [],
    children: '',
    crossesMunicipalityBorder: false,
    tried: '',
    involvedPartners: [],
    urgency: 'normaal',
    reason: '',
  };
}

function knownFields(v: FormValues): string[] {
  const person = ['firstName', 'lastName', 'birthDate', 'gender', 'bsn'];
  return [
    'registeringPartner',
    'municipality',
    'subject',
    ...person.map((p) => `subject.${p}`),
    'household',
    ...v.household.flatMap((_, i) => [`household.${i}`, ...[...person, 'relation'].map((p) => `household.${i}.${p}`)]),
    'kind',
    'mainTopic',
    'problemAreas',
    'children',
    'crossesMunicipalityBorder',
    'tried',
    'involvedPartners',
    'urgency',
    'reason',
  ];
}

export default function NewRegistrationPage() {
  const { t } = useTranslation();
  const reference = useReference();
  return (
    <Page title={t('aanmelding.title')}>
      <LoadBoundary state={reference}>{(ref) => <RegistrationForm labels={labelsFor(ref)} />}</LoadBoundary>
    </Page>
  );
}

function RegistrationForm({ labels }: { labels: Labels }) {
  const { t } = useTranslation();
  const user = useUser();
  const errorText = useErrorText();
  const isPartner = user.organisation.kind === 'partner';
  const start = () => initialValues(isPartner ? user.organisation.code : '', user.municipality?.code ?? '');
  const [values, setValues] = useState<FormValues>(start);
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<{ id: string; status: Status } | null>(null);
  const nextKey = useRef(1);
  const focusAfterRender = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const submit = useAction((body: unknown) => api.post<{ id: string; status: Status }>('/api/registrations', body));

  useEffect(() => {
    if (focusAfterRender.current) {
      focusField(focusAfterRender.current);
      focusAfterRender.current = null;
    }
  });

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setSubject = (key: keyof PersonForm, value: string) => setValues((v) => ({ ...v, subject: { ...v.subject, [key]: value } }));
  const setMember = (index: number, key: keyof Omit<MemberForm, 'key'>, value: string) =>
    setValues((v) => ({ ...v, household: v.household.map((m, i) => (i === index ? { ...m, [key]: value } : m)) }));

  const addMember = () => {
    const index = values.household.length;
    setValues((v) => ({ ...v, household: [...v.household, { ...EMPTY_PERSON, key: nextKey.current++, relation: '' }] }));
    focusAfterRender.current = fieldId(`household.${index}.firstName`);
  };
  const removeMember = (index: number) => {
    setValues((v) => ({ ...v, household: v.household.filter((_, i) => i !== index) }));
    // row indexes shift: drop the household errors rather than show them on the wrong row
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('household.'))));
    addButton.current?.focus();
  };

  const validate = (v: FormValues): Errors => {
    const e: Errors = {};
    const today = todayIso();
    const person = (prefix: string, p: PersonForm, full: boolean) => {
      if (!p.firstName.trim()) e[`${prefix}.firstName`] = t('aanmelding.errors.firstName');
      if (!p.lastName.trim()) e[`${prefix}.lastName`] = t('aanmelding.errors.lastName');
      if (full && !p.birthDate) e[`${prefix}.birthDate`] = t('aanmelding.errors.birthDate');
      if (p.birthDate && p.birthDate > today) e[`${prefix}.birthDate`] = t('aanmelding.errors.birthDateFuture');
      if (full && !p.gender) e[`${prefix}.gender`] = t('aanmelding.errors.gender');
      const bsn = p.bsn.trim();
      if (bsn && !isValidBsn(bsn)) e[`${prefix}.bsn`] = t('aanmelding.errors.bsn');
    };
    if (!v.registeringPartner) e.registeringPartner = t('aanmelding.errors.registeringPartner');
    if (!v.municipality) e.municipality = t('aanmelding.errors.municipality');
    person('subject', v.subject, true);
    v.household.forEach((m, i) => {
      person(`household.${i}`, m, false);
      if (!m.relation) e[`household.${i}.relation`] = t('aanmelding.errors.relation');
    });
    if (!v.kind) e.kind = t('aanmelding.errors.kind');
    if (v.kind === 'procesregie' && !v.mainTopic) e.mainTopic = t('aanmelding.errors.mainTopic');
    if (!v.reason.trim()) e.reason = t('aanmelding.errors.reason');
    return e;
  };

  const fieldLabel = (path: string): string => {
    const parts = path.split('.');
    if (parts[0] === 'household' && parts.length >= 2) {
      const n = Number(parts[1]) + 1;
      const field = parts[2] ? t(`aanmelding.fields.${parts[2] as 'firstName'}`) : t('aanmelding.householdTitle');
      return `${t('aanmelding.member', { n })}, ${field.toLowerCase()}`;
    }
    if (parts[0] === 'subject' && parts[1]) return `${t('aanmelding.subjectTitle')}, ${t(`aanmelding.fields.${parts[1] as 'firstName'}`).toLowerCase()}`;
    return t(`aanmelding.fields.${parts[0] as 'kind'}`, { defaultValue: parts[0] });
  };

  const summary: SummaryError[] = Object.entries(errors)
    .filter(([k]) => k !== '')
    .map(([k, message]) => ({ id: fieldId(k), label: fieldLabel(k), message }));

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setAttempt((a) => a + 1);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const person = (p: PersonForm) => ({
      firstName: p.firstName.trim(),
      lastName: p.lastName.trim(),
      ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      ...(p.gender ? { gender: p.gender } : {}),
      ...(p.bsn.trim() ? { bsn: p.bsn.trim() } : {}),
    });
    const body = {
      kind: values.kind,
      municipality: values.municipality,
      registeringPartner: values.registeringPartner,
      subject: person(values.subject),
      mainTopic: values.mainTopic || null,
      problemAreas: values.problemAreas,
      reason: values.reason.trim(),
      household: values.household.map((m) => ({ ...person(m), birthDate: m.birthDate || null, relation: m.relation })),
      children: values.children || null,
      crossesMunicipalityBorder: values.crossesMunicipalityBorder,
      tried: values.tried.trim() || null,
      involvedPartners: values.involvedPartners,
      urgency: values.urgency,
    };
    const result = await submit.run(body);
    if (result.ok) {
      setCreated(result.value);
    } else if (result.error) {
      setErrors(mapServerErrors(result.error, knownFields(values)));
    }
  };

  if (created) {
    return (
      <Confirmation
        created={created}
        onAnother={() => {
          setValues(start());
          setErrors({});
          setCreated(null);
          submit.reset();
        }}
      />
    );
  }

  const err = (path: string) => errors[path];
  const generalError: ApiError | undefined = submit.error && submit.error.fieldErrors.length === 0 ? submit.error : undefined;
  const unmatched = errors[''];

  return (
    <form noValidate onSubmit={onSubmit} className="zvh-cf-form" aria-describedby="aanmelding-intro">
      <Paragraph id="aanmelding-intro">{t('aanmelding.intro')}</Paragraph>
      <Paragraph>{t('aanmelding.requiredNote')}</Paragraph>
      <ErrorSummary
        errors={summary}
        attempt={attempt}
        message={generalError ? errorText(generalError) : unmatched ? `${t('aanmelding.serverRefused')} ${unmatched}` : undefined}
      />

      <FormSection legend={t('aanmelding.registrantTitle')}>
        {isPartner ? (
          <Paragraph>{t('aanmelding.registrantFixed', { organisation: user.organisation.name })}</Paragraph>
        ) : (
          <SelectField
            id={fieldId('registeringPartner')}
            label={t('aanmelding.fields.registeringPartner')}
            description={t('aanmelding.registeringPartnerDescription')}
            placeholder={t('common.choose')}
            options={labels.partners(values.registeringPartner)}
            value={values.registeringPartner}
            onChange={(e) => set('registeringPartner', e.currentTarget.value)}
            error={err('registeringPartner')}
            required
          />
        )}
      </FormSection>

      <FormSection legend={t('aanmelding.subjectTitle')} description={t('aanmelding.subjectDescription')}>
        <PersonFields prefix="subject" person={values.subject} onChange={setSubject} errors={errors} labels={labels} full />
        <SelectField
          id={fieldId('municipality')}
          label={t('aanmelding.fields.municipality')}
          description={t('aanmelding.municipalityDescription')}
          placeholder={t('common.choose')}
          options={labels.municipalities(values.municipality)}
          value={values.municipality}
          onChange={(e) => set('municipality', e.currentTarget.value)}
          error={err('municipality')}
          required
        />
      </FormSection>

      <FormSection legend={t('aanmelding.householdTitle')} description={t('aanmelding.householdDescription')}>
        {values.household.length === 0 && <Paragraph>{t('aanmelding.householdEmpty')}</Paragraph>}
        {values.household.map((m, i) => {
          const name = [m.firstName, m.lastName].filter((s) => s.trim()).join(' ');
          return (
            <div key={m.key} className="zvh-cf-row">
              <FormSection legend={name ? `${t('aanmelding.member', { n: i + 1 })}: ${name}` : t('aanmelding.member', { n: i + 1 })} level={3}>
                <PersonFields prefix={`household.${i}`} person={m} onChange={(k, val) => setMember(i, k, val)} errors={errors} labels={labels} />
                <SelectField
                  id={fieldId(`household.${i}.relation`)}
                  label={t('aanmelding.fields.relation')}
                  placeholder={t('common.choose')}
                  options={labels.options('relation', m.relation)}
                  value={m.relation}
                  onChange={(e) => setMember(i, 'relation', e.currentTarget.value)}
                  error={err(`household.${i}.relation`)}
                  required
                />
                <Button onClick={() => removeMember(i)}>
                  {t('aanmelding.removeMember', { name: name || t('aanmelding.member', { n: i + 1 }) })}
                </Button>
              </FormSection>
            </div>
          );
        })}
        {err('household') && <Alert type="error">{err('household')}</Alert>}
        <Button ref={addButton} onClick={addMember}>
          {t('aanmelding.addMember')}
        </Button>
      </FormSection>

      <FormSection legend={t('aanmelding.topicTitle')}>
        <RadioGroupField
          id={fieldId('kind')}
          legend={t('aanmelding.fields.kind')}
          options={labels.options('caseKind', values.kind).map((o) => ({ ...o, description: t(`aanmelding.kindHelp.${o.value as 'procesregie'}`, { defaultValue: '' }) || undefined }))}
          value={values.kind}
          onChange={(v) => set('kind', v)}
          error={err('kind')}
          required
        />
        <SelectField
          id={fieldId('mainTopic')}
          label={t('aanmelding.fields.mainTopic')}
          description={t('aanmelding.mainTopicDescription')}
          placeholder={t('common.choose')}
          options={labels.options('mainTopic', values.mainTopic)}
          value={values.mainTopic}
          onChange={(e) => set('mainTopic', e.currentTarget.value)}
          error={err('mainTopic')}
          optional={values.kind !== 'procesregie'}
          required={values.kind === 'procesregie'}
        />
        <CheckboxGroupField
          id={fieldId('problemAreas')}
          legend={t('aanmelding.fields.problemAreas')}
          description={t('aanmelding.problemAreasDescription')}
          options={labels.options('problemArea', values.problemAreas)}
          value={values.problemAreas}
          onChange={(v) => set('problemAreas', v)}
          error={err('problemAreas')}
          name="problemAreas"
        />
        <RadioGroupField
          id={fieldId('children')}
          legend={t('aanmelding.fields.children')}
          options={labels.options('children', values.children)}
          value={values.children}
          onChange={(v) => set('children', v)}
          error={err('children')}
          optional
        />
        <div id={fieldId('crossesMunicipalityBorder')}>
          <CheckboxField
            label={t('aanmelding.fields.crossesMunicipalityBorder')}
            description={t('aanmelding.crossesDescription')}
            checked={values.crossesMunicipalityBorder}
            onChange={(on) => set('crossesMunicipalityBorder', on)}
            error={err('crossesMunicipalityBorder')}
          />
        </div>
      </FormSection>

      <FormSection legend={t('aanmelding.triedTitle')}>
        <TextAreaField
          id={fieldId('tried')}
          label={t('aanmelding.fields.tried')}
          description={t('aanmelding.triedDescription')}
          value={values.tried}
          onChange={(e) => set('tried', e.currentTarget.value)}
          error={err('tried')}
          maxLength={5000}
          optional
        />
      </FormSection>

      <FormSection legend={t('aanmelding.partnersTitle')}>
        <CheckboxGroupField
          id={fieldId('involvedPartners')}
          legend={t('aanmelding.fields.involvedPartners')}
          description={t('aanmelding.partnersDescription')}
          options={labels.partners(values.involvedPartners)}
          value={values.involvedPartners}
          onChange={(v) => set('involvedPartners', v)}
          error={err('involvedPartners')}
          name="involvedPartners"
        />
      </FormSection>

      <FormSection legend={t('aanmelding.urgencyTitle')}>
        <RadioGroupField
          id={fieldId('urgency')}
          legend={t('aanmelding.fields.urgency')}
          description={t('aanmelding.urgencyDescription')}
          options={labels.options('urgency', values.urgency)}
          value={values.urgency}
          onChange={(v) => set('urgency', v)}
          error={err('urgency')}
          required
        />
      </FormSection>

      <FormSection legend={t('aanmelding.reasonTitle')}>
        <TextAreaField
          id={fieldId('reason')}
          label={t('aanmelding.fields.reason')}
          description={t('aanmelding.reasonDescription')}
          value={values.reason}
          onChange={(e) => set('reason', e.currentTarget.value)}
          error={err('reason')}
          maxLength={5000}
          rows={8}
          required
        />
      </FormSection>

      <ButtonGroup>
        <Button type="submit" variant="primary" busy={submit.pending}>
          {submit.pending ? t('aanmelding.sending') : t('aanmelding.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function PersonFields({
  prefix,
  person,
  onChange,
  errors,
  labels,
  full,
}: {
  prefix: string;
  person: PersonForm;
  onChange: (key: keyof PersonForm, value: string) => void;
  errors: Errors;
  labels: Labels;
  /** The main person: birth date and gender are required. */
  full?: boolean;
}) {
  const { t } = useTranslation();
  const id = (k: string) => fieldId(`${prefix}.${k}`);
  const err = (k: string) => errors[`${prefix}.${k}`];
  return (
    <div className="zvh-cf-row__grid">
      <TextField
        id={id('firstName')}
        label={t('aanmelding.fields.firstName')}
        value={person.firstName}
        onChange={(e) => onChange('firstName', e.currentTarget.value)}
        error={err('firstName')}
        autoComplete="off"
        maxLength={100}
        required
      />
      <TextField
        id={id('lastName')}
        label={t('aanmelding.fields.lastName')}
        value={person.lastName}
        onChange={(e) => onChange('lastName', e.currentTarget.value)}
        error={err('lastName')}
        autoComplete="off"
        maxLength={100}
        required
      />
      <DateField
        id={id('birthDate')}
        label={t('aanmelding.fields.birthDate')}
        value={person.birthDate}
        onChange={(e) => onChange('birthDate', e.currentTarget.value)}
        error={err('birthDate')}
        max={todayIso()}
        optional={!full}
        required={full}
      />
      <SelectField
        id={id('gender')}
        label={t('aanmelding.fields.gender')}
        placeholder={t('common.choose')}
        options={labels.options('gender', person.gender)}
        value={person.gender}
        onChange={(e) => onChange('gender', e.currentTarget.value)}
        error={err('gender')}
        optional={!full}
        required={full}
      />
      <TextField
        id={id('bsn')}
        label={t('aanmelding.fields.bsn')}
        description={t('aanmelding.bsnDescription')}
        value={person.bsn}
        onChange={(e) => onChange('bsn', e.currentTarget.value.replace(/\s/g, ''))}
        error={err('bsn')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={9}
        spellCheck={false}
        optional
      />
    </div>
  );
}

function Confirmation({ created, onAnother }: { created: { id: string; status: Status }; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert type="ok" focus title={t('aanmelding.sentTitle')}>
      <Paragraph>
        {t('aanmelding.sentStatus')} <strong><StatusText status={created.status} /></strong>
      </Paragraph>
      <Paragraph>{t('aanmelding.sentNext')}</Paragraph>
      <Paragraph>{t('aanmelding.sentWhatNow')}</Paragraph>
      <ul className="zvh-cf-error-list">
        <li>
          <Link to={`/aanmeldingen/${created.id}`}>{t('aanmelding.viewRegistration')}</Link>
        </li>
        <li>
          <Link to="/aanmeldingen">{t('aanmelding.toList')}</Link>
        </li>
      </ul>
      <div className="zvh-alert__actions">
        <Button onClick={onAnother}>{t('aanmelding.another')}</Button>
      </div>
    </Alert>
  );
}
