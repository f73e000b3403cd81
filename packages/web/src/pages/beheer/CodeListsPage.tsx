// SPDX-License-Identifier: EUPL-1.2
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { CodeListItem, CodeLists } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { translateOptional } from '../../i18n';
import {
  Alert,
  Button,
  ConfirmDialog,
  DataTable,
  EmptyState,
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
  label: string;
}

const EMPTY: Values = { code: '', label: '' };

export default function CodeListsPage() {
  const { t } = useTranslation();
  const lists = useApi<CodeLists>('/api/admin/code-lists');
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<CodeListItem | 'new' | null>(null);
  const [confirming, setConfirming] = useState<CodeListItem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useFormState<Values>(EMPTY);

  const names = Object.keys(lists.data ?? {});
  const listName = (name: string) => translateOptional(`codeLists.names.${name}`, name);
  const sortedNames = [...names].sort((a, b) => listName(a).localeCompare(listName(b), 'nl'));
  const requested = params.get('lijst');
  const current = requested && names.includes(requested) ? requested : sortedNames[0];
  const items: CodeListItem[] = [...(current ? (lists.data?.[current] ?? []) : [])].sort((a, b) => a.sort - b.sort || a.label.localeCompare(b.label, 'nl'));

  const itemPath = (code: string) => `/api/admin/code-lists/${encodeURIComponent(current ?? '')}/${encodeURIComponent(code)}`;
  const save = useAction(async (target: CodeListItem | 'new', v: Values) => {
    if (target === 'new') await api.post(`/api/admin/code-lists/${encodeURIComponent(current ?? '')}`, { code: v.code.trim(), label: v.label.trim() });
    else await api.patch(itemPath(target.code), { label: v.label.trim() });
  });
  const setActive = useAction((item: CodeListItem, active: boolean) => api.patch(itemPath(item.code), { active }));

  const open = (target: CodeListItem | 'new') => {
    save.reset();
    form.reset(target === 'new' ? EMPTY : { code: target.code, label: target.label });
    setEditing(target);
  };

  const submit = async () => {
    if (!editing) return;
    const v = form.values;
    const code = v.code.trim();
    const ok = form.check({
      code: editing !== 'new' ? undefined : !code ? t('beheer.errors.codeRequired') : !CODE_PATTERN.test(code) ? t('beheer.errors.codePattern') : undefined,
      label: !v.label.trim() ? t('codeLists.errors.labelRequired') : v.label.trim().length > NAME_MAX ? t('beheer.errors.nameTooLong', { max: NAME_MAX }) : undefined,
    });
    if (!ok) return;
    setAttempt((a) => a + 1);
    const result = await save.run(editing, v);
    if (result.ok) {
      setNotice(editing === 'new' ? t('codeLists.added', { name: v.label.trim() }) : t('beheer.saved', { name: v.label.trim() }));
      setEditing(null);
      lists.reload();
    } else form.serverErrors(result.error);
  };

  const toggle = async (item: CodeListItem, active: boolean) => {
    setAttempt((a) => a + 1);
    const result = await setActive.run(item, active);
    if (result.ok) {
      setConfirming(null);
      setNotice(t(active ? 'beheer.activated' : 'beheer.deactivated', { name: item.label }));
      lists.reload();
    }
  };

  const columns: Column<CodeListItem>[] = [
    { key: 'label', header: t('codeLists.label'), cell: (i) => i.label, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (i) => i.code },
    { key: 'sort', header: t('codeLists.sort'), cell: (i) => i.sort, align: 'end' },
    { key: 'active', header: t('beheer.status'), cell: (i) => <ActiveStatus active={i.active} /> },
    {
      key: 'actions',
      header: t('beheer.actions'),
      hiddenHeader: true,
      cell: (i) => (
        <div className="zvh-row-actions">
          <RowButton label={t('beheer.edit')} rowName={i.label} onClick={() => open(i)} />
          {i.active ? (
            <RowButton
              label={t('beheer.deactivate')}
              rowName={i.label}
              danger
              onClick={() => {
                setActive.reset();
                setConfirming(i);
              }}
            />
          ) : (
            <RowButton label={t('beheer.activate')} rowName={i.label} busy={setActive.pending} onClick={() => toggle(i, true)} />
          )}
        </div>
      ),
    },
  ];

  return (
    <BeheerPage title={t('codeLists.title')}>
      <Paragraph>{t('codeLists.intro')}</Paragraph>
      <Notice message={notice} />
      {setActive.error && !confirming && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, setActive.error)}
        </Alert>
      )}
      {lists.loading && !lists.data ? (
        <Spinner label={t('common.loading')} />
      ) : lists.error ? (
        <ErrorState title={t('errors.loadFailed')} message={errorMessage(t, lists.error)} retryLabel={t('common.retry')} onRetry={lists.reload} />
      ) : !current ? (
        <EmptyState>{t('codeLists.none')}</EmptyState>
      ) : (
        <>
          <div className="zvh-toolbar">
            <SelectField
              label={t('codeLists.choose')}
              options={sortedNames.map((n) => ({ value: n, label: listName(n) }))}
              value={current}
              onChange={(e) => {
                setNotice(undefined);
                setParams({ lijst: e.currentTarget.value }, { replace: true });
              }}
            />
            <Button variant="primary" onClick={() => open('new')}>
              {t('codeLists.add')}
            </Button>
          </div>
          <DataTable
            caption={t('codeLists.caption', { name: listName(current) })}
            columns={columns}
            rows={items}
            rowKey={(i) => i.code}
            emptyMessage={t('codeLists.empty')}
          />
        </>
      )}

      <FormDialog
        open={editing !== null}
        title={editing === 'new' ? t('codeLists.addTo', { name: current ? listName(current) : '' }) : t('codeLists.edit', { name: editing?.label ?? '' })}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        submitLabel={editing === 'new' ? t('common.add') : t('common.save')}
        busy={save.pending}
        invalidAttempt={form.invalidAttempt}
        message={<FormError error={save.error} attempt={attempt} fields={['code', 'label']} />}
      >
        {editing === 'new' ? (
          <TextField
            label={t('beheer.code')}
            description={t('codeLists.codeDescription')}
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
          label={t('codeLists.label')}
          value={form.values.label}
          onChange={(e) => form.set('label', e.currentTarget.value)}
          error={form.errors.label}
          required
          autoComplete="off"
        />
      </FormDialog>

      <ConfirmDialog
        open={confirming !== null}
        title={t('beheer.deactivateTitle', { name: confirming?.label ?? '' })}
        message={t('codeLists.deactivateMessage')}
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
