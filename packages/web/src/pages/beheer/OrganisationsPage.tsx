// SPDX-License-Identifier: EUPL-1.2
import { DOMAINS, type Domain } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Organisation } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { CheckboxField, SelectField, type Column } from '../../ui';
import {
  actionsColumn,
  BeheerListPage,
  byName,
  CodeField,
  codeError,
  DeactivateDialog,
  EditDialog,
  listState,
  NameField,
  nameError,
  statusColumn,
  useBeheer,
  RowButton,
} from './common';
import { OrganisationSsoDialog } from './OrganisationSsoDialog';

interface Values {
  code: string;
  name: string;
  domain: Domain | '';
  /** Professional secrecy (beroepsgeheim): adding the partner to a running case waits for four eyes. */
  professionalSecrecy: boolean;
}

const EMPTY: Values = { code: '', name: '', domain: '', professionalSecrecy: false };

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const list = useApi<Organisation[]>('/api/admin/organisations');
  const [ssoOf, setSsoOf] = useState<Organisation>();
  const save = useAction(async (target: Organisation | 'new', values: Values) => {
    const partner = target === 'new' || target.kind === 'partner';
    const body = { name: values.name.trim(), ...(values.domain ? { domain: values.domain } : {}), ...(partner ? { professionalSecrecy: values.professionalSecrecy } : {}) };
    if (target === 'new') await api.post('/api/admin/organisations', { code: values.code.trim(), ...body });
    else await api.patch(`/api/admin/organisations/${encodeURIComponent(target.code)}`, body);
  });
  const setActive = useAction((org: Organisation, active: boolean) =>
    api.patch(`/api/admin/organisations/${encodeURIComponent(org.code)}`, { active }),
  );
  const page = useBeheer({
    empty: EMPTY,
    toValues: (o: Organisation): Values => ({ code: o.code, name: o.name, domain: o.domain ?? '', professionalSecrecy: o.professionalSecrecy ?? false }),
    name: (o) => o.name,
    save,
    setActive,
    validate: (editing, values) => ({
      code: codeError(t, editing === 'new', values.code.trim()),
      name: nameError(t, values.name),
      domain: !values.domain && (editing === 'new' || editing.kind === 'partner') ? t('organisations.errors.domainRequired') : undefined,
    }),
    saved: (editing, values) =>
      editing === 'new' ? t('organisations.added', { name: values.name.trim() }) : t('beheer.saved', { name: values.name.trim() }),
    reload: list.reload,
  });
  const { editing, form } = page;

  const domainOptions = DOMAINS.map((d) => ({ value: d, label: t(`domains.${d}`) }));

  const columns: Column<Organisation>[] = [
    { key: 'name', header: t('organisations.name'), cell: (o) => o.name, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (o) => o.code },
    { key: 'kind', header: t('organisations.kind'), cell: (o) => t(`organisations.kinds.${o.kind}`) },
    { key: 'domain', header: t('organisations.domain'), cell: (o) => (o.domain ? t(`domains.${o.domain}`) : '—') },
    { key: 'secrecy', header: t('organisations.professionalSecrecy'), cell: (o) => (o.kind === 'partner' ? t(o.professionalSecrecy ? 'common.yes' : 'common.no') : '—') },
    statusColumn(t),
    actionsColumn(t, page, (o) => ({
      canToggle: o.kind !== 'zvh',
      children: <RowButton label={t('organisations.sso.button')} rowName={o.name} onClick={() => setSsoOf(o)} />,
    })),
  ];

  return (
    <BeheerListPage
      page={page}
      title={t('organisations.title')}
      intro={t('organisations.intro')}
      addLabel={t('organisations.add')}
      {...listState(list)}
      table={{ caption: t('organisations.caption'), columns, rows: byName(list.data), rowKey: (o) => o.code, emptyMessage: t('organisations.empty') }}
    >

      <EditDialog
        page={page}
        title={editing === 'new' ? t('organisations.add') : t('organisations.edit', { name: page.editingName })}
        fields={['code', 'name', 'domain']}
      >
        <CodeField isNew={editing === 'new'} description={t('organisations.codeDescription')} {...form.field('code')} />
        <NameField label={t('organisations.name')} {...form.field('name')} />
        <SelectField
          label={t('organisations.domain')}
          optional={editing !== 'new' && editing?.kind === 'zvh'}
          required={editing === 'new' || editing?.kind === 'partner'}
          placeholder={editing !== 'new' && editing?.kind === 'zvh' ? t('organisations.noDomain') : t('common.choose')}
          options={domainOptions}
          value={form.values.domain}
          onChange={(e) => form.set('domain', e.currentTarget.value as Domain | '')}
          error={form.errors.domain}
        />
        {(editing === 'new' || editing?.kind === 'partner') && (
          <CheckboxField
            label={t('organisations.professionalSecrecy')}
            description={t('organisations.professionalSecrecyDescription')}
            checked={form.values.professionalSecrecy}
            onChange={(on) => form.set('professionalSecrecy', on)}
          />
        )}
      </EditDialog>

      <DeactivateDialog page={page} message={t('organisations.deactivateMessage')} />
      {ssoOf && <OrganisationSsoDialog organisation={ssoOf} onClose={() => setSsoOf(undefined)} />}
    </BeheerListPage>
  );
}
