// SPDX-License-Identifier: EUPL-1.2
import type { Region } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { Municipality } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import {
  Alert,
  Button,
  CheckboxField,
  ConfirmDialog,
  DataTable,
  ErrorState,
  FormDialog,
  Notice,
  Paragraph,
  SelectField,
  Spinner,
  TextField,
  type Column,
} from '../../ui';
import { ActiveStatus, BeheerPage, FormError, NAME_MAX, RowButton, useFormState } from './common';

export const REGIONS: Region[] = ['noord', 'zuidoost', 'zuidwest'];

interface Values {
  code: string;
  name: string;
  region: Region | '';
  nazorgPlustaak: boolean;
}

const EMPTY: Values = { code: '', name: '', region: '', nazorgPlustaak: false };

export default function MunicipalitiesPage() {
  const { t } = useTranslation();
  const list = useApi<Municipality[]>('/api/admin/municipalities');
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<Municipality | 'new' | null>(null);
  const [confirming, setConfirming] = useState<Municipality | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useFormState<Values>(EMPTY);

  const save = useAction(async (target: Municipality | 'new', v: Values) => {
    const body = { name: v.name.trim(), region: v.region, nazorgPlustaak: v.nazorgPlustaak };
    if (target === 'new') await api.post('/api/admin/municipalities', { code: v.code.trim().toUpperCase(), ...body });
    else await api.patch(`/api/admin/municipalities/${encodeURIComponent(target.code)}`, body);
  });
  const setActive = useAction((m: Municipality, active: boolean) =>
    api.patch(`/api/admin/municipalities/${encodeURIComponent(m.code)}`, { active }),
  );

  const open = (target: Municipality | 'new') => {
    save.reset();
    form.reset(target === 'new' ? EMPTY : { code: target.code, name: target.name, region: target.region, nazorgPlustaak: target.nazorgPlustaak });
    setEditing(target);
  };

  const submit = async () => {
    if (!editing) return;
    const v = form.values;
    const code = v.code.trim().toUpperCase();
    const ok = form.check({
      code: editing !== 'new' ? undefined : !code ? t('beheer.errors.codeRequired') : !/^GM\d{4}$/.test(code) ? t('municipalities.errors.codePattern') : undefined,
      name: !v.name.trim() ? t('beheer.errors.nameRequired') : v.name.trim().length > NAME_MAX ? t('beheer.errors.nameTooLong', { max: NAME_MAX }) : undefined,
      region: !v.region ? t('municipalities.errors.regionRequired') : undefined,
    });
    if (!ok) return;
    setAttempt((a) => a + 1);
    const result = await save.run(editing, v);
    if (result.ok) {
      setNotice(editing === 'new' ? t('municipalities.added', { name: v.name.trim() }) : t('beheer.saved', { name: v.name.trim() }));
      setEditing(null);
      list.reload();
    } else form.serverErrors(result.error);
  };

  const toggle = async (m: Municipality, active: boolean) => {
    setAttempt((a) => a + 1);
    const result = await setActive.run(m, active);
    if (result.ok) {
      setConfirming(null);
      setNotice(t(active ? 'beheer.activated' : 'beheer.deactivated', { name: m.name }));
      list.reload();
    }
  };

  const columns: Column<Municipality>[] = [
    { key: 'name', header: t('municipalities.name'), cell: (m) => m.name, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (m) => m.code },
    { key: 'region', header: t('municipalities.region'), cell: (m) => t(`regions.${m.region}`, { defaultValue: m.region }) },
    { key: 'nazorg', header: t('municipalities.nazorgPlustaak'), cell: (m) => (m.nazorgPlustaak ? t('common.yes') : t('common.no')) },
    { key: 'active', header: t('beheer.status'), cell: (m) => <ActiveStatus active={m.active} /> },
    {
      key: 'actions',
      header: t('beheer.actions'),
      hiddenHeader: true,
      cell: (m) => (
        <div className="zvh-row-actions">
          <RowButton label={t('beheer.edit')} rowName={m.name} onClick={() => open(m)} />
          {m.active ? (
            <RowButton
              label={t('beheer.deactivate')}
              rowName={m.name}
              danger
              onClick={() => {
                setActive.reset();
                setConfirming(m);
              }}
            />
          ) : (
            <RowButton label={t('beheer.activate')} rowName={m.name} busy={setActive.pending} onClick={() => toggle(m, true)} />
          )}
        </div>
      ),
    },
  ];

  return (
    <BeheerPage title={t('municipalities.title')}>
      <Paragraph>{t('municipalities.intro')}</Paragraph>
      <Notice message={notice} />
      {setActive.error && !confirming && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, setActive.error)}
        </Alert>
      )}
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => open('new')}>
          {t('municipalities.add')}
        </Button>
      </div>
      {list.loading && !list.data ? (
        <Spinner label={t('common.loading')} />
      ) : list.error ? (
        <ErrorState title={t('errors.loadFailed')} message={errorMessage(t, list.error)} retryLabel={t('common.retry')} onRetry={list.reload} />
      ) : (
        <DataTable
          caption={t('municipalities.caption')}
          columns={columns}
          rows={[...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl'))}
          rowKey={(m) => m.code}
          emptyMessage={t('municipalities.empty')}
        />
      )}

      <FormDialog
        open={editing !== null}
        title={editing === 'new' ? t('municipalities.add') : t('municipalities.edit', { name: editing?.name ?? '' })}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        submitLabel={editing === 'new' ? t('common.add') : t('common.save')}
        busy={save.pending}
        invalidAttempt={form.invalidAttempt}
        message={<FormError error={save.error} attempt={attempt} fields={['code', 'name', 'region', 'nazorgPlustaak']} />}
      >
        {editing === 'new' ? (
          <TextField
            label={t('beheer.code')}
            description={t('municipalities.codeDescription')}
            value={form.values.code}
            onChange={(e) => form.set('code', e.currentTarget.value)}
            error={form.errors.code}
            required
            autoComplete="off"
            spellCheck={false}
          />
        ) : (
          <Paragraph>
            {t('beheer.code')}: <strong>{form.values.code}</strong> ({t('beheer.codeFixed')})
          </Paragraph>
        )}
        <TextField
          label={t('municipalities.name')}
          value={form.values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={form.errors.name}
          required
          autoComplete="off"
        />
        <SelectField
          label={t('municipalities.region')}
          placeholder={t('common.choose')}
          options={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
          value={form.values.region}
          onChange={(e) => form.set('region', e.currentTarget.value as Region | '')}
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
      </FormDialog>

      <ConfirmDialog
        open={confirming !== null}
        title={t('beheer.deactivateTitle', { name: confirming?.name ?? '' })}
        message={t('municipalities.deactivateMessage')}
        confirmLabel={t('beheer.deactivate')}
        danger
        busy={setActive.pending}
        error={setActive.error && <FormError error={setActive.error} attempt={attempt} fields={[]} />}
        onConfirm={() => confirming && toggle(confirming, false)}
        onCancel={() => setConfirming(null)}
      />
    </BeheerPage>
  );
}
