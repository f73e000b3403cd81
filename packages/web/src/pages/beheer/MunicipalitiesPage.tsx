// SPDX-License-Identifier: EUPL-1.2
import type { Region } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Municipality } from '../../api/types';
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
} from './common';

export const REGIONS: Region[] = ['noord', 'zuidoost', 'zuidwest'];

interface Values {
  code: string;
  name: string;
  /** A region code: the default three, or another an earlier change gave (the API accepts any region code). */
  region: string;
  nazorgPlustaak: boolean;
}

const EMPTY: Values = { code: '', name: '', region: '', nazorgPlustaak: false };

export default function MunicipalitiesPage() {
  const { t } = useTranslation();
  const list = useApi<Municipality[]>('/api/admin/municipalities');
  const save = useAction(async (target: Municipality | 'new', v: Values) => {
    const body = { name: v.name.trim(), region: v.region, nazorgPlustaak: v.nazorgPlustaak };
    if (target === 'new') await api.post('/api/admin/municipalities', { code: v.code.trim().toUpperCase(), ...body });
    else await api.patch(`/api/admin/municipalities/${encodeURIComponent(target.code)}`, body);
  });
  const setActive = useAction((m: Municipality, active: boolean) =>
    api.patch(`/api/admin/municipalities/${encodeURIComponent(m.code)}`, { active }),
  );
  const page = useBeheer({
    empty: EMPTY,
    toValues: (m: Municipality): Values => ({ code: m.code, name: m.name, region: m.region, nazorgPlustaak: m.nazorgPlustaak }),
    name: (m) => m.name,
    save,
    setActive,
    validate: (editing, v) => ({
      code: codeError(t, editing === 'new', v.code.trim().toUpperCase(), /^GM\d{4}$/, t('municipalities.errors.codePattern')),
      name: nameError(t, v.name),
      region: !v.region ? t('municipalities.errors.regionRequired') : undefined,
    }),
    saved: (editing, v) => (editing === 'new' ? t('municipalities.added', { name: v.name.trim() }) : t('beheer.saved', { name: v.name.trim() })),
    reload: list.reload,
  });
  const { editing, form } = page;

  const columns: Column<Municipality>[] = [
    { key: 'name', header: t('municipalities.name'), cell: (m) => m.name, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (m) => m.code },
    { key: 'region', header: t('municipalities.region'), cell: (m) => t(`regions.${m.region}`, { defaultValue: m.region }) },
    { key: 'nazorg', header: t('municipalities.nazorgPlustaak'), cell: (m) => (m.nazorgPlustaak ? t('common.yes') : t('common.no')) },
    statusColumn(t),
    actionsColumn(t, page),
  ];

  return (
    <BeheerListPage
      page={page}
      title={t('municipalities.title')}
      intro={t('municipalities.intro')}
      addLabel={t('municipalities.add')}
      {...listState(list)}
      table={{ caption: t('municipalities.caption'), columns, rows: byName(list.data), rowKey: (m) => m.code, emptyMessage: t('municipalities.empty') }}
    >

      <EditDialog
        page={page}
        title={editing === 'new' ? t('municipalities.add') : t('municipalities.edit', { name: page.editingName })}
        fields={['code', 'name', 'region', 'nazorgPlustaak']}
      >
        <CodeField isNew={editing === 'new'} description={t('municipalities.codeDescription')} {...form.field('code')} />
        <NameField label={t('municipalities.name')} {...form.field('name')} />
        <SelectField
          label={t('municipalities.region')}
          placeholder={t('common.choose')}
          options={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
          value={form.values.region}
          onChange={(e) => form.set('region', e.currentTarget.value)}
          error={form.errors.region}
          required
        />
        <CheckboxField
          label={t('municipalities.nazorgPlustaak')}
          description={t('municipalities.nazorgDescription')}
          checked={form.values.nazorgPlustaak}
          onChange={(on) => form.set('nazorgPlustaak', on)}
          error={form.errors.nazorgPlustaak}
        />
      </EditDialog>

      <DeactivateDialog page={page} message={t('municipalities.deactivateMessage')} />
    </BeheerListPage>
  );
}
