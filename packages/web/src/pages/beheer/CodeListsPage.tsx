// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { CodeListItem, CodeLists } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { translateOptional } from '../../i18n';
import { DataTable, EmptyState, SelectField, type Column } from '../../ui';
import {
  actionsColumn,
  AddButton,
  BeheerIntro,
  BeheerPage,
  CodeField,
  codeError,
  DeactivateDialog,
  EditDialog,
  Loaded,
  NameField,
  nameError,
  statusColumn,
  useBeheer,
} from './common';

interface Values {
  code: string;
  label: string;
}

const EMPTY: Values = { code: '', label: '' };

export default function CodeListsPage() {
  const { t } = useTranslation();
  const lists = useApi<CodeLists>('/api/admin/code-lists');
  const [params, setParams] = useSearchParams();

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
  const page = useBeheer({
    empty: EMPTY,
    toValues: (i: CodeListItem): Values => ({ code: i.code, label: i.label }),
    name: (i) => i.label,
    save,
    setActive,
    validate: (editing, v) => ({
      code: codeError(t, editing === 'new', v.code.trim()),
      label: nameError(t, v.label, t('codeLists.errors.labelRequired')),
    }),
    saved: (editing, v) => (editing === 'new' ? t('codeLists.added', { name: v.label.trim() }) : t('beheer.saved', { name: v.label.trim() })),
    reload: lists.reload,
  });
  const { editing, form } = page;

  const columns: Column<CodeListItem>[] = [
    { key: 'label', header: t('codeLists.label'), cell: (i) => i.label, rowHeader: true },
    { key: 'code', header: t('beheer.code'), cell: (i) => i.code },
    { key: 'sort', header: t('codeLists.sort'), cell: (i) => i.sort, align: 'end' },
    statusColumn(t),
    actionsColumn(t, page),
  ];

  return (
    <BeheerPage title={t('codeLists.title')}>
      <BeheerIntro page={page} intro={t('codeLists.intro')} />
      <Loaded loading={lists.loading && !lists.data} error={lists.error} onRetry={lists.reload}>
        {!current ? (
          <EmptyState>{t('codeLists.none')}</EmptyState>
        ) : (
          <>
            <div className="zvh-toolbar">
              <SelectField
                label={t('codeLists.choose')}
                options={sortedNames.map((n) => ({ value: n, label: listName(n) }))}
                value={current}
                onChange={(e) => {
                  page.setNotice(undefined);
                  setParams({ lijst: e.currentTarget.value }, { replace: true });
                }}
              />
              <AddButton page={page} label={t('codeLists.add')} />
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
      </Loaded>

      <EditDialog
        page={page}
        title={editing === 'new' ? t('codeLists.addTo', { name: current ? listName(current) : '' }) : t('codeLists.edit', { name: page.editingName })}
        fields={['code', 'label']}
      >
        <CodeField isNew={editing === 'new'} description={t('codeLists.codeDescription')} {...form.field('code')} />
        <NameField label={t('codeLists.label')} {...form.field('label')} />
      </EditDialog>

      <DeactivateDialog page={page} message={t('codeLists.deactivateMessage')} />
    </BeheerPage>
  );
}
