// SPDX-License-Identifier: EUPL-1.2
import type { Role } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
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
  Dialog,
  Notice,
  Paragraph,
  SelectField,
  TextField,
  type Column,
} from '../../ui';
import {
  actionsColumn,
  ActiveStatus,
  BeheerListPage,
  byName,
  confirmError,
  EditDialog,
  NameField,
  nameError,
  RowButton,
  useBeheer,
} from './common';

interface Values {
  email: string;
  name: string;
  organisationCode: string;
  roles: string[];
  /** Only for a municipal partner's professional: the municipalities they work for. */
  municipalityCodes: string[];
}

const EMPTY: Values = { email: '', name: '', organisationCode: '', roles: [], municipalityCodes: [] };

type Result = { title: string; name: string; password: string };

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useUser();
  const users = useApi<AdminUser[]>('/api/admin/users');
  const reference = useApi<Reference>('/api/reference');
  const [result, setResult] = useState<Result | null>(null);

  const organisations = reference.data?.organisations ?? [];
  const municipalities = reference.data?.municipalities ?? [];
  const orgByCode = new Map(organisations.map((o) => [o.code, o]));
  const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
  const roleLabel = (role: Role) => t(`roles.${role}`);
  const isMunicipal = (code: string) => Boolean(orgByCode.get(code)?.municipal);

  const save = useAction(async (target: AdminUser | 'new', v: Values) => {
    const body = {
      name: v.name.trim(),
      organisationCode: v.organisationCode,
      roles: v.roles,
      municipalityCodes: isMunicipal(v.organisationCode) ? v.municipalityCodes : [],
    };
    if (target === 'new') return api.post<{ id: string } & OneTimePassword>('/api/admin/users', { email: v.email.trim(), ...body });
    await api.patch(`/api/admin/users/${encodeURIComponent(target.id)}`, body);
    return null;
  });
  const setActive = useAction((u: AdminUser, active: boolean) => api.patch(`/api/admin/users/${encodeURIComponent(u.id)}`, { active }));
  const resetPassword = useAction((u: AdminUser) => api.post<OneTimePassword>(`/api/admin/users/${encodeURIComponent(u.id)}/reset-password`));
  // needs fresh authentication: the reauth dialog asks for it when the server says so
  const resetFactors = useAction((u: AdminUser) => api.post(`/api/admin/users/${encodeURIComponent(u.id)}/reset-factors`));
  const [factorsReset, setFactorsReset] = useState<string>();
  const page = useBeheer({
    empty: EMPTY,
    toValues: (u: AdminUser): Values => ({
      email: u.email,
      name: u.name,
      organisationCode: u.organisationCode,
      roles: [...u.roles],
      municipalityCodes: u.municipalityCodes ?? (u.municipalityCode ? [u.municipalityCode] : []),
    }),
    name: (u) => u.name,
    save,
    setActive,
    validate: (editing, v) => ({
      email: editing === 'new' && !/^\S+@\S+\.\S+$/.test(v.email.trim()) ? t('users.errors.email') : undefined,
      name: nameError(t, v.name),
      organisationCode: !v.organisationCode ? t('users.errors.organisation') : undefined,
      roles: v.roles.length === 0 ? t('users.errors.roles') : undefined,
      municipalityCodes: isMunicipal(v.organisationCode) && v.municipalityCodes.length === 0 ? t('users.errors.municipalities') : undefined,
    }),
    saved: (_editing, v, created) => {
      if (!created) return t('beheer.saved', { name: v.name.trim() });
      setResult({ title: t('users.created'), name: v.name.trim(), password: created.oneTimePassword });
      return undefined;
    },
    reload: users.reload,
  });
  const { editing, confirming, form } = page;

  const chooseOrganisation = (code: string) => {
    form.set('organisationCode', code);
    const allowed = rolesForOrganisation(orgByCode.get(code));
    form.set(
      'roles',
      form.values.roles.filter((r) => (allowed as string[]).includes(r)),
    );
    if (!isMunicipal(code)) form.set('municipalityCodes', []);
  };

  const confirm = async () => {
    if (!confirming) return;
    const { kind, item: user } = confirming;
    if (kind === 'deactivate') return page.toggle(user, false);
    page.nextAttempt();
    if (kind === 'factors') {
      if (!(await resetFactors.run(user)).ok) return;
      page.cancelConfirm();
      setFactorsReset(t('users.factorsResetDone', { name: user.name }));
      return users.reload();
    }
    const res = await resetPassword.run(user);
    if (!res.ok) return;
    page.cancelConfirm();
    setResult({ title: t('users.resetDone'), name: user.name, password: res.value.oneTimePassword });
    users.reload();
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
      cell: (u) => {
        const codes = u.municipalityCodes ?? (u.municipalityCode ? [u.municipalityCode] : []);
        return codes.length ? codes.map((c) => municipalityByCode.get(c)?.name ?? c).join(', ') : '—';
      },
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
    actionsColumn(t, page, (u) => ({
      canToggle: u.id !== me.id,
      children: (
        <>
          <RowButton label={t('users.resetPassword')} rowName={u.name} onClick={() => page.ask('reset', u, resetPassword)} />
          {u.id !== me.id && <RowButton label={t('users.resetFactors')} rowName={u.name} onClick={() => page.ask('factors', u, resetFactors)} />}
        </>
      ),
    })),
  ];

  const allowedRoles = rolesForOrganisation(orgByCode.get(form.values.organisationCode));

  return (
    <BeheerListPage
      page={page}
      title={t('users.title')}
      intro={t('users.intro')}
      addLabel={t('users.add')}
      addDisabled={!reference.data}
      loading={(users.loading && !users.data) || (reference.loading && !reference.data)}
      error={users.error ?? reference.error}
      onRetry={() => {
        users.reload();
        reference.reload();
      }}
      table={{ caption: t('users.caption'), columns, rows: byName(users.data), rowKey: (u) => u.id, emptyMessage: t('users.empty') }}
    >

      <EditDialog
        page={page}
        title={editing === 'new' ? t('users.add') : t('users.edit', { name: page.editingName })}
        fields={['email', 'name', 'organisationCode', 'roles', 'municipalityCodes']}
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
        <NameField label={t('users.name')} {...form.field('name')} />
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
        {isMunicipal(form.values.organisationCode) && (
          <CheckboxGroupField
            legend={t('users.municipalities')}
            description={t('users.municipalitiesDescription')}
            options={[...municipalities]
              .filter((m) => m.active || form.values.municipalityCodes.includes(m.code))
              .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
              .map((m) => ({ value: m.code, label: m.name }))}
            value={form.values.municipalityCodes}
            onChange={(codes) => form.set('municipalityCodes', codes)}
            error={form.errors.municipalityCodes}
            name="municipalityCodes"
          />
        )}
      </EditDialog>

      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.kind === 'reset'
            ? t('users.resetTitle', { name: confirming.item.name })
            : confirming?.kind === 'factors'
              ? t('users.resetFactorsTitle', { name: confirming.item.name })
              : t('beheer.deactivateTitle', { name: confirming?.item.name ?? '' })
        }
        message={confirming?.kind === 'reset' ? t('users.resetMessage') : confirming?.kind === 'factors' ? t('users.resetFactorsMessage') : t('users.deactivateMessage')}
        confirmLabel={confirming?.kind === 'reset' ? t('users.resetPassword') : confirming?.kind === 'factors' ? t('users.resetFactors') : t('beheer.deactivate')}
        danger
        busy={setActive.pending || resetPassword.pending || resetFactors.pending}
        error={confirmError(confirming?.kind === 'reset' ? resetPassword.error : confirming?.kind === 'factors' ? resetFactors.error : setActive.error, page.attempt)}
        onConfirm={confirm}
        onCancel={page.cancelConfirm}
      />

      <Notice message={factorsReset} />
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
    </BeheerListPage>
  );
}
