// SPDX-License-Identifier: EUPL-1.2
import type { Role } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { AdminUser, OneTimePassword, Reference } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { formatDateTime } from '../../lib/format';
import { knownRoles, rolesForOrganisation } from '../../nav/roles';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxGroupField,
  Code,
  ConfirmDialog,
  DataTable,
  Dialog,
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

interface Values {
  email: string;
  name: string;
  organisationCode: string;
  roles: string[];
  municipalityCode: string;
}

const EMPTY: Values = { email: '', name: '', organisationCode: '', roles: [], municipalityCode: '' };

type Confirm = { kind: 'deactivate' | 'reset'; user: AdminUser };
type Result = { title: string; name: string; password: string };

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useUser();
  const users = useApi<AdminUser[]>('/api/admin/users');
  const reference = useApi<Reference>('/api/reference');
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [confirming, setConfirming] = useState<Confirm | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useFormState<Values>(EMPTY);

  const organisations = reference.data?.organisations ?? [];
  const municipalities = reference.data?.municipalities ?? [];
  const orgByCode = new Map(organisations.map((o) => [o.code, o]));
  const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
  const roleLabel = (role: Role) => t(`roles.${role}`);

  const save = useAction(async (target: AdminUser | 'new', v: Values) => {
    const body = {
      name: v.name.trim(),
      organisationCode: v.organisationCode,
      roles: v.roles,
      municipalityCode: v.municipalityCode || null,
    };
    if (target === 'new') return api.post<{ id: string } & OneTimePassword>('/api/admin/users', { email: v.email.trim(), ...body });
    await api.patch(`/api/admin/users/${encodeURIComponent(target.id)}`, body);
    return null;
  });
  const setActive = useAction((u: AdminUser, active: boolean) => api.patch(`/api/admin/users/${encodeURIComponent(u.id)}`, { active }));
  const resetPassword = useAction((u: AdminUser) => api.post<OneTimePassword>(`/api/admin/users/${encodeURIComponent(u.id)}/reset-password`));

  const open = (target: AdminUser | 'new') => {
    save.reset();
    form.reset(
      target === 'new'
        ? EMPTY
        : {
            email: target.email,
            name: target.name,
            organisationCode: target.organisationCode,
            roles: [...target.roles],
            municipalityCode: target.municipalityCode ?? '',
          },
    );
    setEditing(target);
  };

  const chooseOrganisation = (code: string) => {
    form.set('organisationCode', code);
    const allowed = rolesForOrganisation(orgByCode.get(code));
    form.set(
      'roles',
      form.values.roles.filter((r) => (allowed as string[]).includes(r)),
    );
  };

  const submit = async () => {
    if (!editing) return;
    const v = form.values;
    const ok = form.check({
      email: editing === 'new' && !/^\S+@\S+\.\S+$/.test(v.email.trim()) ? t('users.errors.email') : undefined,
      name: !v.name.trim() ? t('beheer.errors.nameRequired') : v.name.trim().length > NAME_MAX ? t('beheer.errors.nameTooLong', { max: NAME_MAX }) : undefined,
      organisationCode: !v.organisationCode ? t('users.errors.organisation') : undefined,
      roles: v.roles.length === 0 ? t('users.errors.roles') : undefined,
    });
    if (!ok) return;
    setAttempt((a) => a + 1);
    const res = await save.run(editing, v);
    if (!res.ok) return form.serverErrors(res.error);
    setEditing(null);
    users.reload();
    if (res.value) setResult({ title: t('users.created'), name: v.name.trim(), password: res.value.oneTimePassword });
    else setNotice(t('beheer.saved', { name: v.name.trim() }));
  };

  const confirm = async () => {
    if (!confirming) return;
    const { kind, user } = confirming;
    setAttempt((a) => a + 1);
    if (kind === 'deactivate') {
      const res = await setActive.run(user, false);
      if (!res.ok) return;
      setConfirming(null);
      setNotice(t('beheer.deactivated', { name: user.name }));
      users.reload();
    } else {
      const res = await resetPassword.run(user);
      if (!res.ok) return;
      setConfirming(null);
      setResult({ title: t('users.resetDone'), name: user.name, password: res.value.oneTimePassword });
      users.reload();
    }
  };

  const activate = async (user: AdminUser) => {
    setAttempt((a) => a + 1);
    const res = await setActive.run(user, true);
    if (res.ok) {
      setNotice(t('beheer.activated', { name: user.name }));
      users.reload();
    }
  };

  const columns: Column<AdminUser>[] = [
    {
      key: 'name',
      header: t('users.nameAndEmail'),
      cell: (u) => (
        <>
          {u.name}
          <span className="zvh-cell-secondary">{u.email}</span>
        </>
      ),
      rowHeader: true,
    },
    { key: 'organisation', header: t('users.organisation'), cell: (u) => orgByCode.get(u.organisationCode)?.name ?? u.organisationCode },
    { key: 'roles', header: t('users.roles'), cell: (u) => knownRoles(u.roles).map(roleLabel).join(', ') || '—' },
    {
      key: 'municipality',
      header: t('users.municipality'),
      cell: (u) => (u.municipalityCode ? (municipalityByCode.get(u.municipalityCode)?.name ?? u.municipalityCode) : '—'),
    },
    {
      key: 'status',
      header: t('beheer.status'),
      cell: (u) => (
        <>
          <ActiveStatus active={u.active} />
          {u.mustChangePassword && (
            <>
              <br />
              {t('users.mustChange')}
            </>
          )}
          {u.totpEnabled && (
            <>
              <br />
              {t('users.totpOn')}
            </>
          )}
        </>
      ),
    },
    { key: 'lastSignIn', header: t('users.lastSignIn'), cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt, i18n.resolvedLanguage ?? 'nl') : t('users.never')) },
    {
      key: 'actions',
      header: t('beheer.actions'),
      hiddenHeader: true,
      cell: (u) => (
        <div className="zvh-row-actions">
          <RowButton label={t('beheer.edit')} rowName={u.name} onClick={() => open(u)} />
          <RowButton
            label={t('users.resetPassword')}
            rowName={u.name}
            onClick={() => {
              resetPassword.reset();
              setConfirming({ kind: 'reset', user: u });
            }}
          />
          {u.id !== me.id &&
            (u.active ? (
              <RowButton
                label={t('beheer.deactivate')}
                rowName={u.name}
                danger
                onClick={() => {
                  setActive.reset();
                  setConfirming({ kind: 'deactivate', user: u });
                }}
              />
            ) : (
              <RowButton label={t('beheer.activate')} rowName={u.name} busy={setActive.pending} onClick={() => activate(u)} />
            ))}
        </div>
      ),
    },
  ];

  const allowedRoles = rolesForOrganisation(orgByCode.get(form.values.organisationCode));
  const confirmError = confirming?.kind === 'reset' ? resetPassword.error : setActive.error;
  const loading = (users.loading && !users.data) || (reference.loading && !reference.data);
  const loadError = users.error ?? reference.error;

  return (
    <BeheerPage title={t('users.title')}>
      <Paragraph>{t('users.intro')}</Paragraph>
      <Notice message={notice} />
      {setActive.error && !confirming && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, setActive.error)}
        </Alert>
      )}
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => open('new')} disabled={!reference.data}>
          {t('users.add')}
        </Button>
      </div>
      {loading ? (
        <Spinner label={t('common.loading')} />
      ) : loadError ? (
        <ErrorState
          title={t('errors.loadFailed')}
          message={errorMessage(t, loadError)}
          retryLabel={t('common.retry')}
          onRetry={() => {
            users.reload();
            reference.reload();
          }}
        />
      ) : (
        <DataTable
          caption={t('users.caption')}
          columns={columns}
          rows={[...(users.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl'))}
          rowKey={(u) => u.id}
          emptyMessage={t('users.empty')}
        />
      )}

      <FormDialog
        open={editing !== null}
        title={editing === 'new' ? t('users.add') : t('users.edit', { name: editing?.name ?? '' })}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        submitLabel={editing === 'new' ? t('common.add') : t('common.save')}
        busy={save.pending}
        invalidAttempt={form.invalidAttempt}
        message={<FormError error={save.error} attempt={attempt} fields={['email', 'name', 'organisationCode', 'roles', 'municipalityCode']} />}
      >
        {editing === 'new' ? (
          <TextField
            label={t('users.email')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={form.values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
            error={form.errors.email}
            required
          />
        ) : (
          <Paragraph>
            {t('users.email')}: <strong>{form.values.email}</strong>
          </Paragraph>
        )}
        <TextField
          label={t('users.name')}
          autoComplete="off"
          value={form.values.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          error={form.errors.name}
          required
        />
        <SelectField
          label={t('users.organisation')}
          placeholder={t('common.choose')}
          options={[...organisations]
            .filter((o) => o.active || o.code === form.values.organisationCode)
            .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'nl') : a.kind === 'zvh' ? -1 : 1))
            .map((o) => ({ value: o.code, label: o.name }))}
          value={form.values.organisationCode}
          onChange={(e) => chooseOrganisation(e.currentTarget.value)}
          error={form.errors.organisationCode}
          required
        />
        <CheckboxGroupField
          legend={t('users.roles')}
          description={t('users.rolesDescription')}
          options={allowedRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
          value={form.values.roles}
          onChange={(roles) => form.set('roles', roles)}
          error={form.errors.roles}
          name="roles"
        />
        <SelectField
          label={t('users.municipality')}
          description={t('users.municipalityDescription')}
          optional
          placeholder={t('users.noMunicipality')}
          options={[...municipalities]
            .filter((m) => m.active || m.code === form.values.municipalityCode)
            .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
            .map((m) => ({ value: m.code, label: m.name }))}
          value={form.values.municipalityCode}
          onChange={(e) => form.set('municipalityCode', e.currentTarget.value)}
          error={form.errors.municipalityCode}
        />
      </FormDialog>

      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.kind === 'reset'
            ? t('users.resetTitle', { name: confirming.user.name })
            : t('beheer.deactivateTitle', { name: confirming?.user.name ?? '' })
        }
        message={confirming?.kind === 'reset' ? t('users.resetMessage') : t('users.deactivateMessage')}
        confirmLabel={confirming?.kind === 'reset' ? t('users.resetPassword') : t('beheer.deactivate')}
        danger
        busy={setActive.pending || resetPassword.pending}
        error={confirmError && <FormError error={confirmError} attempt={attempt} fields={[]} />}
        onConfirm={confirm}
        onCancel={() => setConfirming(null)}
      />

      <Dialog open={result !== null} title={result?.title ?? ''} onClose={() => setResult(null)} initialFocus={() => document.getElementById('eenmalig-wachtwoord')}>
        {result && (
          <>
            <Paragraph>{t('users.oneTimeIntro', { name: result.name })}</Paragraph>
            <Paragraph id="eenmalig-wachtwoord" tabIndex={-1}>
              {t('users.oneTimePassword')}: <Code>{result.password}</Code>
            </Paragraph>
            <Alert type="warning">{t('users.oneTimeWarning')}</Alert>
            <ButtonGroup>
              <Button variant="primary" onClick={() => setResult(null)}>
                {t('common.close')}
              </Button>
            </ButtonGroup>
          </>
        )}
      </Dialog>
    </BeheerPage>
  );
}
