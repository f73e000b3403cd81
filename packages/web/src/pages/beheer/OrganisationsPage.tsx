// SPDX-License-Identifier: EUPL-1.2
import { DOMAINS, type Domain } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { Organisation } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import {
  Alert,
  Button,
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
import { ActiveStatus, BeheerPage, CODE_PATTERN, FormError, NAME_MAX, RowButton, useFormState } from './common';

interface Values {
  code: string;
  name: string;
  domain: Domain | '';
}

const EMPTY: Values = { code: '', name: '', domain: '' };

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const list = useApi<Organisation[]>('/api/admin/organisations');
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [confirming, setConfirming] = useState<Organisation | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useFormState<Values>(EMPTY);

  const save = useAction(async (target: Organisation | 'new', values: Values) => {
    const body = { name: values.name.trim(), ...(values.domain ? { domain: values.domain } : {}) };
    if (target === 'new') await api.post('/api/admin/organisations', { code: values.code.trim(), ...body });
    else await api.patch(`/api/admin/organisations/${encodeURIComponent(target.code)}`, body);
  });
  const setActive = useAction((org: Organisation, active: boolean) =>
    api.patch(`/api/admin/organisations/${encodeURIComponent(org.code)}`, { active }),
  );

  const domainOptions = DOMAINS.map((d) => ({ value: d, label: t(`domains.${d}`) }));

  const open = (target: Organisation | 'new') => {
    save.reset();
    form.reset(target === 'new' ? EMPTY : { code: target.code, name: target.name, domain: target.domain ?? '' });
    setEditing(target);
  };

  const submit = async () => {
    if (!editing) return;
    const { values } = form;
    const code = values.code.trim();
    const ok = form.check({
      code: editing !== 'new' ? undefined : !code ? t('beheer.errors.codeRequired') : !CODE_PATTERN.test(code) ? t('beheer.errors.codePattern') : undefined,
      name: !values.name.trim() ? t('beheer.errors.nameRequired') : values.name.trim().length > NAME_MAX ? t('beheer.errors.nameTooLong', { max: NAME_MAX }) : undefined,
      domain: !values.domain && (editing === 'new' || editing.kind === 'partner') ? t('organisations.errors.domainRequired') : undefined,
    });
    if (!ok) return;
    setAttempt((a) => a + 1);
    const result = await save.run(editing, values);
    if (result.ok) {
      setNotice(editing === 'new' ? t('organisations.added', { name: values.name.trim() }) : t('beheer.saved', { name: values.name.trim() }));
      setEditing(null);
      list.reload();
    } else form.serverErrors(result.error);
  };

  const toggle = async (org: Organisation, active: boolean) => {
    setAttempt((a) => a + 1);
    const result = await setActive.run(org, active);
    if (result.ok) {
      setConfirming(null);
      setNotice(t(active ? 'beheer.activated' : 'beheer.deactivated', { name: org.name }));
      list.reload();
    }
  };

  const columns: Column<Organisation>[] = [
    { key: 'name', header: t('organisations.name'), cell: (o) => o.name, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (o) => o.code },
    { key: 'kind', header: t('organisations.kind'), cell: (o) => t(`organisations.kinds.${o.kind}`) },
    { key: 'domain', header: t('organisations.domain'), cell: (o) => (o.domain ? t(`domains.${o.domain}`) : '—') },
    { key: 'active', header: t('beheer.status'), cell: (o) => <ActiveStatus active={o.active} /> },
    {
      key: 'actions',
      header: t('beheer.actions'),
      hiddenHeader: true,
      cell: (o) => (
        <div className="zvh-row-actions">
          <RowButton label={t('beheer.edit')} rowName={o.name} onClick={() => open(o)} />
          {o.kind !== 'zvh' &&
            (o.active ? (
              <RowButton label={t('beheer.deactivate')} rowName={o.name} danger onClick={() => {
                  setActive.reset();
                  setConfirming(o);
                }} />
            ) : (
              <RowButton label={t('beheer.activate')} rowName={o.name} busy={setActive.pending} onClick={() => toggle(o, true)} />
            ))}
        </div>
      ),
    },
  ];

  return (
    <BeheerPage title={t('organisations.title')}>
      <Paragraph>{t('organisations.intro')}</Paragraph>
      <Notice message={notice} />
      {setActive.error && !confirming && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, setActive.error)}
        </Alert>
      )}
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => open('new')}>
          {t('organisations.add')}
        </Button>
      </div>
      {list.loading && !list.data ? (
        <Spinner label={t('common.loading')} />
      ) : list.error ? (
        <ErrorState title={t('errors.loadFailed')} message={errorMessage(t, list.error)} retryLabel={t('common.retry')} onRetry={list.reload} />
      ) : (
        <DataTable
          caption={t('organisations.caption')}
          columns={columns}
          rows={[...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl'))}
          rowKey={(o) => o.code}
          emptyMessage={t('organisations.empty')}
        />
      )}

      <FormDialog
        open={editing !== null}
        title={editing === 'new' ? t('organisations.add') : t('organisations.edit', { name: editing?.name ?? '' })}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        submitLabel={editing === 'new' ? t('common.add') : t('common.save')}
        busy={save.pending}
        invalidAttempt={form.invalidAttempt}
        message={<FormError error={save.error} attempt={attempt} fields={['code', 'name', 'domain']} />}
      >
        {editing === 'new' ? (
          <TextField
            label={t('beheer.code')}
            description={t('organisations.codeDescription')}
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
          label={t('organisations.name')}
          value={form.values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={form.errors.name}
          required
          autoComplete="off"
        />
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
      </FormDialog>

      <ConfirmDialog
        open={confirming !== null}
        title={t('beheer.deactivateTitle', { name: confirming?.name ?? '' })}
        message={t('organisations.deactivateMessage')}
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
