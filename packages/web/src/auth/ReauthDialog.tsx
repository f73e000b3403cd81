// SPDX-License-Identifier: EUPL-1.2
// Fresh authentication: when a sensitive action answers 403 fresh_auth_required, the api client
// asks this dialog; the user gives the password and the second factor (code, recovery code or
// passkey) again, POST /api/auth/reauth, and the action is retried once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setFreshAuthHandler } from '../api/client';
import { errorMessage } from '../api/errors';
import { Alert, FormDialog, Button, ButtonGroup, Paragraph, TextField } from '../ui';
import { useAuth } from './AuthContext';
import { isCancelled, passkeyAssertion, passkeysSupported } from './passkey';

export function ReauthDialog() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const hasTotp = !!user?.totpEnabled;
  const hasPasskey = (user?.passkeyCount ?? 0) > 0;

  useEffect(() => {
    setFreshAuthHandler(
      () =>
        new Promise<boolean>((resolve) => {
          resolver.current?.(false);
          resolver.current = resolve;
          setPassword('');
          setOtp('');
          setError(undefined);
          setOpen(true);
        }),
    );
    return () => setFreshAuthHandler(undefined);
  }, []);

  const finish = useCallback((ok: boolean) => {
    setOpen(false);
    resolver.current?.(ok);
    resolver.current = null;
  }, []);

  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    setAttempt((a) => a + 1);
    try {
      await api.post('/api/auth/reauth', body);
      finish(true);
    } catch (err) {
      if (isCancelled(err)) setError(undefined);
      else setError(err instanceof ApiError ? errorMessage(t, err) : t('reauth.failed'));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = () => {
    if (!password) return setError(t('reauth.passwordRequired'));
    const code = otp.replace(/\s/g, '');
    if (hasTotp && !hasPasskey && !code) return setError(t('reauth.codeRequired'));
    void send({ password, ...(code ? { otp: code } : {}) });
  };

  const withPasskey = async () => {
    if (!password) return setError(t('reauth.passwordRequired'));
    setBusy(true);
    try {
      const passkey = await passkeyAssertion();
      setBusy(false);
      await send({ password, passkey });
    } catch (err) {
      setBusy(false);
      setError(isCancelled(err) ? t('reauth.passkeyCancelled') : err instanceof ApiError ? errorMessage(t, err) : t('reauth.failed'));
    }
  };

  return (
    <FormDialog
      open={open}
      title={t('reauth.title')}
      onClose={() => finish(false)}
      submitLabel={t('reauth.submit')}
      busy={busy}
      onSubmit={onSubmit}
      message={error && <Alert type="error">{error}</Alert>}
      invalidAttempt={attempt}
    >
      <Paragraph>{t('reauth.intro')}</Paragraph>
      <TextField label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
      {hasTotp && (
        <TextField
          label={t('reauth.code')}
          description={t('reauth.codeDescription')}
          autoComplete="one-time-code"
          value={otp}
          onChange={(e) => setOtp(e.currentTarget.value)}
          optional={hasPasskey}
        />
      )}
      {hasPasskey && passkeysSupported() && (
        <ButtonGroup>
          <Button type="button" onClick={() => void withPasskey()} disabled={busy}>
            {t('reauth.withPasskey')}
          </Button>
        </ButtonGroup>
      )}
    </FormDialog>
  );
}
