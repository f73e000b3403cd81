// SPDX-License-Identifier: EUPL-1.2
// What was registered: main person, household and the registration itself (detail and triage).
import { useTranslation } from 'react-i18next';
import { DataTable, Section, type HeadingLevel } from '../../ui';
import { Details, MultiLine } from '../casus/common/forms';
import { ageOf, formatDate } from '../casus/common/format';
import type { Labels } from '../casus/common/reference';
import type { RegistrationDetail } from '../casus/common/types';

export function personName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

export function RegistrationSummary({ reg, labels, level = 2 }: { reg: RegistrationDetail; labels: Labels; level?: HeadingLevel }) {
  const { t } = useTranslation();
  const age = ageOf(reg.subject.birthDate);
  const list = (codes: string[] | null | undefined, map: (c: string) => string) => (codes?.length ? codes.map(map).join(', ') : t('caseFlow.none'));
  return (
    <>
      <Section title={t('aanmelding.subjectTitle')} level={level}>
        <Details
          items={[
            { label: t('caseFlow.fields.name'), value: personName(reg.subject) },
            {
              label: t('aanmelding.fields.birthDate'),
              value: reg.subject.birthDate ? `${formatDate(reg.subject.birthDate)}${age !== undefined ? ` (${t('caseFlow.age', { count: age })})` : ''}` : '—',
            },
            { label: t('aanmelding.fields.gender'), value: labels.code('gender', reg.subject.gender) },
            ...(reg.subject.bsn !== undefined ? [{ label: t('aanmelding.fields.bsn'), value: reg.subject.bsn || t('caseFlow.unknown') }] : []),
            { label: t('aanmelding.fields.municipality'), value: labels.municipality(reg.municipality) },
          ]}
        />
      </Section>
      <Section title={t('aanmelding.householdTitle')} level={level}>
        <DataTable
          caption={t('caseFlow.householdCaption', { name: personName(reg.subject) })}
          columns={[
            { key: 'name', header: t('caseFlow.fields.name'), rowHeader: true, cell: (m) => personName(m) },
            { key: 'relation', header: t('aanmelding.fields.relation'), cell: (m) => labels.code('relation', m.relation) },
            { key: 'birthDate', header: t('aanmelding.fields.birthDate'), cell: (m) => formatDate(m.birthDate) },
            { key: 'gender', header: t('aanmelding.fields.gender'), cell: (m) => labels.code('gender', m.gender) },
          ]}
          rows={reg.household}
          rowKey={(m) => m.id}
          emptyMessage={t('caseFlow.householdEmpty')}
        />
      </Section>
      <Section title={t('caseFlow.registrationTitle')} level={level}>
        <Details
          items={[
            { label: t('caseFlow.fields.registeredAt'), value: formatDate(reg.registeredAt) },
            { label: t('aanmelding.fields.registeringPartner'), value: labels.org(reg.registeringPartner) },
            ...(reg.registeredByName ? [{ label: t('caseFlow.fields.registeredBy'), value: reg.registeredByName }] : []),
            { label: t('aanmelding.fields.kind'), value: labels.code('caseKind', reg.kind) },
            { label: t('aanmelding.fields.mainTopic'), value: labels.code('mainTopic', reg.mainTopic) },
            { label: t('aanmelding.fields.problemAreas'), value: list(reg.problemAreas, (c) => labels.code('problemArea', c)) },
            { label: t('aanmelding.fields.children'), value: labels.code('children', reg.children) },
            { label: t('caseFlow.fields.crossesBorder'), value: reg.crossesMunicipalityBorder ? t('common.yes') : t('common.no') },
            { label: t('aanmelding.fields.urgency'), value: labels.code('urgency', reg.urgency) },
            { label: t('aanmelding.fields.involvedPartners'), value: list(reg.involvedPartners, labels.org) },
            { label: t('aanmelding.fields.tried'), value: <MultiLine text={reg.tried} /> },
            { label: t('aanmelding.fields.reason'), value: <MultiLine text={reg.reason} /> },
          ]}
        />
      </Section>
    </>
  );
}
