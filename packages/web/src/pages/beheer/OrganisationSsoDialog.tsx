// SPDX-License-Identifier: EUPL-1.2
// Single sign-on (OpenID Connect) of one organisation: issuer, client, claim mapping, on/off and
// whether the provider's MFA counts as the second factor. The client secret is never shown: the
// server only says whether one is stored; leaving the field empty keeps it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiResponse, Organisation } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { CheckboxField, FormDialog, Paragraph, TextField } from '../../ui';
import { FormError } from './common';

type Settings = ApiResponse<'getOrganisationSso'>;
const FIELDS = ['issuer', 'clientId', 'clientSecret', 'emailClaim'] as const;

export function OrganisationSsoDialog({ organisation, onClose }: { organisation: Organisation; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const path = `/api/admin/organisations/${encodeURIComponent(organisation.code)}/sso`;
  const current = useApi<Settings>(path);
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [emailClaim, setEmailClaim] = useState('email');
  const [enabled, setEnabled] = useState(false);
  const [mfaTrusted, setMfaTrusted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const s = current.data;
    if (!s) return;
    setIssuer(s.issuer ?? '');
    setClientId(s.clientId ?? '');
    setEmailClaim(s.emailClaim);
    setEnabled(s.enabled);
    setMfaTrusted(s.mfaTrusted);
  }, [current.data]);
  const save = useAction(() => api.put<Settings>(path, {
    issuer: issuer.trim(), clientId: clientId.trim(), ...(clientSecret ? { clientSecret } : {}),
    emailClaim: emailClaim.trim() || 'email', enabled, mfaTrusted,
  }));
  const fieldError = (field: string) => save.error?.fieldErrors.find((e) => e.field === field || e.field === `/${field}`)?.message;
  const submit = async () => {
    setAttempt((a) => a + 1);
    if ((await save.run()).ok) onClose(true);
  };
  return (
    <FormDialog
      open
      title={t('organisations.sso.title', { name: organisation.name })}
      submitLabel={t('common.save')}
      busy={save.pending}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
      message={<FormError error={save.error ?? current.error} attempt={attempt} fields={FIELDS} />}
    >
      <Paragraph>{t('organisations.sso.intro', { redirectUri: `${window.location.origin}/api/auth/sso/callback` })}</Paragraph>
      <TextField label={t('organisations.sso.issuer')} name="issuer" type="url" required value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} error={fieldError('issuer')} />
      <TextField label={t('organisations.sso.clientId')} name="clientId" required value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} error={fieldError('clientId')} />
      <TextField
        label={t('organisations.sso.clientSecret')}
        description={current.data?.hasSecret ? t('organisations.sso.secretStored') : undefined}
        name="clientSecret"
        type="password"
        autoComplete="off"
        optional={current.data?.hasSecret}
        required={!current.data?.hasSecret}
        value={clientSecret}
        onChange={(e) => setClientSecret(e.currentTarget.value)}
        error={fieldError('clientSecret')}
      />
      <TextField
        label={t('organisations.sso.emailClaim')}
        description={t('organisations.sso.emailClaimDescription')}
        name="emailClaim"
        value={emailClaim}
        onChange={(e) => setEmailClaim(e.currentTarget.value)}
        error={fieldError('emailClaim')}
      />
      <CheckboxField label={t('organisations.sso.enabled')} checked={enabled} onChange={setEnabled} name="enabled" />
      <CheckboxField
        label={t('organisations.sso.mfaTrusted')}
        description={t('organisations.sso.mfaTrustedDescription')}
        checked={mfaTrusted}
        onChange={setMfaTrusted}
        name="mfaTrusted"
      />
    </FormDialog>
  );
}
