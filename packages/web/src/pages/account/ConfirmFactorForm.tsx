// SPDX-License-Identifier: EUPL-1.2
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAction } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { isCancelled, passkeyAssertion, passkeysSupported } from '../../auth/passkey';
import { Alert, Button, ButtonGroup, Paragraph, TextField } from '../../ui';
import { checkFactorCode } from './factorCode';

/**
 * After single sign-on whose provider's MFA the organisation does not trust: the user proves the
 * second factor they set up here (a code from the authenticator app, a recovery code, or a
 * passkey) before reaching any data (POST /api/auth/second-factor). `onDone` reloads the user.
 */
export function ConfirmFactorForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const user = useUser();
  const hasTotp = user.totpEnabled;
  const hasPasskey = user.passkeyCount > 0;
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [passkeyError, setPasskeyError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);
  const confirm = useAction((body: { otp: string } | { passkey: unknown }) => api.post('/api/auth/second-factor', body));

  useEffect(() => {
    if (hasTotp) codeRef.current?.focus();
  }, [hasTotp]);

  const after = async (result: Awaited<ReturnType<typeof confirm.run>>, viaPasskey: boolean) => {
    // done, or already done in another tab: reload the user, the app continues to the start page
    if (result.ok || result.error?.code === 'second_factor_not_required') return onDone();
    if (!result.error) return;
    setAttempt((a) => a + 1);
    if (result.error.code === 'otp_invalid' && !viaPasskey) {
      setCode('');
      setCodeError(t('errors.otp_invalid'));
      codeRef.current?.focus();
    } else if (result.error.code === 'otp_invalid') {
      setPasskeyError(t('confirmFactor.passkeyWrong'));
    } else if (result.error.status === 422 && !viaPasskey) {
      setCodeError(t('login.errors.otpFormat'));
      codeRef.current?.focus();
    } else {
      setPasskeyError(errorMessage(t, result.error));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPasskeyError(undefined);
    const checked = checkFactorCode(code);
    if ('error' in checked) {
      setCodeError(t(checked.error === 'required' ? 'confirmFactor.codeRequired' : 'login.errors.otpFormat'));
      return codeRef.current?.focus();
    }
    setCodeError(undefined);
    await after(await confirm.run({ otp: checked.otp }), false);
  };

  const withPasskey = async () => {
    setPasskeyError(undefined);
    setCodeError(undefined);
    let passkey: unknown;
    try {
      passkey = await passkeyAssertion();
    } catch (err) {
      setAttempt((a) => a + 1);
      setPasskeyError(isCancelled(err) ? t('passkeys.cancelled') : t('passkeys.failed'));
      return;
    }
    await after(await confirm.run({ passkey }), true);
  };

  return (
    <>
      <Alert type="info">{t(hasTotp ? 'confirmFactor.intro' : 'confirmFactor.introPasskey')}</Alert>
      {passkeyError && (
        <Alert key={attempt} type="error" focus>
          {passkeyError}
        </Alert>
      )}
      {hasTotp && (
        <form className="zvh-form" noValidate onSubmit={submit} aria-label={t('confirmFactor.title')}>
          <TextField
            label={t('confirmFactor.code')}
            description={t('login.otpDescription')}
            name="otp"
            autoComplete="one-time-code"
            inputMode="text"
            spellCheck={false}
            maxLength={24}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={codeError}
            required
            inputRef={codeRef}
          />
          <ButtonGroup>
            <Button type="submit" variant="primary" busy={confirm.pending}>
              {t('confirmFactor.submit')}
            </Button>
          </ButtonGroup>
        </form>
      )}
      {hasPasskey &&
        (passkeysSupported() ? (
          <ButtonGroup>
            <Button type="button" variant={hasTotp ? 'secondary' : 'primary'} onClick={() => void withPasskey()} busy={confirm.pending}>
              {t('confirmFactor.withPasskey')}
            </Button>
          </ButtonGroup>
        ) : (
          <Paragraph>{t('confirmFactor.passkeyUnsupported')}</Paragraph>
        ))}
    </>
  );
}
