// SPDX-License-Identifier: EUPL-1.2
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAction, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { formatDateTime } from '../../lib/format';
import { Alert, Button, ButtonGroup, DataTable, Notice, Paragraph, Section, type Column } from '../../ui';
import type { ApiResponse } from '../../api/types';

type SessionInfo = ApiResponse<'listSessions'>[number];

/** The user's active sessions: end one, or sign out everywhere else / everywhere. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const when = (v: string) => formatDateTime(v, i18n.language);
  const { logout } = useAuth();
  const list = useApi<SessionInfo[]>('/api/account/sessions');
  const [notice, setNotice] = useState<string>();
  const end = useAction((id: string) => api.del(`/api/account/sessions/${id}`));
  const endAll = useAction((scope: 'others' | 'all') => api.post('/api/account/sessions/end', { scope }));

  const onEnd = async (s: SessionInfo) => {
    if (s.current) return void logout();
    if ((await end.run(s.id)).ok) {
      setNotice(t('sessions.ended'));
      list.reload();
    }
  };
  const onEndAll = async (scope: 'others' | 'all') => {
    if (!(await endAll.run(scope)).ok) return;
    if (scope === 'all') return void logout();
    setNotice(t('sessions.othersEnded'));
    list.reload();
  };

  const columns: Column<SessionInfo>[] = [
    { key: 'device', header: t('sessions.device'), rowHeader: true,
      cell: (s) => <>{s.userAgent ?? t('sessions.unknownDevice')}{s.current && <> <strong>({t('sessions.thisOne')})</strong></>}</> },
    { key: 'ip', header: t('sessions.ip'), cell: (s) => s.ip ?? '–' },
    { key: 'created', header: t('sessions.createdAt'), cell: (s) => when(s.createdAt) },
    { key: 'seen', header: t('sessions.lastSeenAt'), cell: (s) => when(s.lastSeenAt) },
    { key: 'actions', header: t('beheer.actions'), hiddenHeader: true,
      cell: (s) => (
        <Button variant="subtle" onClick={() => void onEnd(s)}>
          {s.current ? t('sessions.signOutHere') : t('sessions.end')}
        </Button>
      ) },
  ];
  const error = end.error ?? endAll.error;
  return (
    <Section title={t('sessions.title')}>
      <Paragraph>{t('sessions.intro')}</Paragraph>
      <Notice message={notice} />
      {error && <Alert type="error">{errorMessage(t, error)}</Alert>}
      {list.data && <DataTable caption={t('sessions.caption')} columns={columns} rows={list.data} rowKey={(s) => s.id} emptyMessage={t('sessions.empty')} />}
      <ButtonGroup>
        <Button onClick={() => void onEndAll('others')} busy={endAll.pending}>{t('sessions.endOthers')}</Button>
        <Button onClick={() => void onEndAll('all')}>{t('sessions.endAll')}</Button>
      </ButtonGroup>
    </Section>
  );
}
