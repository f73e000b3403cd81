// SPDX-License-Identifier: EUPL-1.2
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { toApiError, useAction, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { isCancelled, passkeysSupported, registerPasskey } from '../../auth/passkey';
import { formatDateTime } from '../../lib/format';
import { Alert, Button, ButtonGroup, DataTable, Notice, Paragraph, Section, TextField, type Column } from '../../ui';
import type { ApiResponse } from '../../api/types';

type Passkey = ApiResponse<'listPasskeys'>[number];

/** Passkeys: several, named; adding and removing need fresh authentication (the dialog asks). */
export function PasskeysSection({ onAdded }: { onAdded?: () => void }) {
  const { t, i18n } = useTranslation();
  const when = (v: string) => formatDateTime(v, i18n.language);
  const { refresh } = useAuth();
  const list = useApi<Passkey[]>('/api/account/passkeys');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const remove = useAction((id: string) => api.del(`/api/account/passkeys/${id}`));
  const supported = passkeysSupported();

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    setError(undefined);
    if (!name.trim()) {
      setNameError(t('passkeys.nameRequired'));
      return nameRef.current?.focus();
    }
    setNameError(undefined);
    setBusy(true);
    try {
      await registerPasskey(name.trim());
      setNotice(t('passkeys.added', { name: name.trim() }));
      setName('');
      list.reload();
      await refresh().catch(() => undefined);
      onAdded?.();
    } catch (err) {
      setError(isCancelled(err) ? t('passkeys.cancelled') : errorMessage(t, toApiError(err)));
    } finally {
      setBusy(false);
    }
  };

  const onRemove = async (p: Passkey) => {
    setNotice(undefined);
    const r = await remove.run(p.id);
    if (r.ok) {
      setNotice(t('passkeys.removed', { name: p.name }));
      list.reload();
      await refresh().catch(() => undefined);
    }
  };

  const columns: Column<Passkey>[] = [
    { key: 'name', header: t('passkeys.name'), cell: (p) => p.name, rowHeader: true },
    { key: 'created', header: t('passkeys.createdAt'), cell: (p) => when(p.createdAt) },
    { key: 'used', header: t('passkeys.lastUsedAt'), cell: (p) => (p.lastUsedAt ? when(p.lastUsedAt) : t('passkeys.neverUsed')) },
    {
      key: 'actions', header: t('beheer.actions'), hiddenHeader: true,
      cell: (p) => (
        <Button variant="subtle" onClick={() => void onRemove(p)} aria-label={t('passkeys.removeNamed', { name: p.name })}>
          {t('passkeys.remove')}
        </Button>
      ),
    },
  ];

  return (
    <Section title={t('passkeys.title')}>
      <Paragraph>{t('passkeys.intro')}</Paragraph>
      <Notice message={notice} />
      {remove.error && <Alert type="error">{errorMessage(t, remove.error)}</Alert>}
      {list.data && <DataTable caption={t('passkeys.caption')} columns={columns} rows={list.data} rowKey={(p) => p.id} emptyMessage={t('passkeys.empty')} />}
      {supported ? (
        <form className="zvh-form" noValidate onSubmit={onAdd} aria-label={t('passkeys.add')}>
          {error && <Alert type="error">{error}</Alert>}
          <TextField label={t('passkeys.name')} description={t('passkeys.nameDescription')} value={name} maxLength={80}
            onChange={(e) => setName(e.currentTarget.value)} error={nameError} required inputRef={nameRef} />
          <ButtonGroup>
            <Button type="submit" busy={busy}>{t('passkeys.add')}</Button>
          </ButtonGroup>
        </form>
      ) : (
        <Paragraph>{t('passkeys.unsupported')}</Paragraph>
      )}
    </Section>
  );
}
