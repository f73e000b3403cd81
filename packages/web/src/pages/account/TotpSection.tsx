// SPDX-License-Identifier: EUPL-1.2
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { TotpSetup } from '../../api/types';
import { useAction } from '../../api/useApi';
import { useAuth, useUser } from '../../auth/AuthContext';
import { Alert, Button, ButtonGroup, Code, Heading, Image, Notice, Paragraph, Section, TextField } from '../../ui';

/**
 * Two-step verification with an authenticator app (TOTP): switch on with a QR code, switch off with
 * the password, or replace the app: that needs the password or a current code (the server refuses a
 * session alone), and the current app keeps working until the new one is confirmed.
 */
export function TotpSection({ afterEnable }: { afterEnable?: (replacing: boolean) => Promise<void> } = {}) {
  const { t } = useTranslation();
  const user = useUser();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [replaceError, setReplaceError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const focusStatus = () => requestAnimationFrame(() => statusRef.current?.focus());

  const start = useAction((body: { password?: string; code?: string } = {}) => api.post<TotpSetup>('/api/account/totp/setup', body));
  const enable = useAction((body: { code: string }) => api.post('/api/account/totp/enable', body));
  const disable = useAction((body: { password: string }) => api.post('/api/account/totp/disable', body));

  const onStart = async () => {
    setNotice(undefined);
    const result = await start.run();
    if (result.ok) {
      setSetup(result.value);
      setCode('');
      setFieldError(undefined);
      // The QR code and the code field appear below; start with the instructions.
      requestAnimationFrame(() => codeRef.current?.focus());
    }
  };

  const onReplace = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    const value = confirmation.trim();
    if (!value) {
      setReplaceError(t('totp.errors.confirmationRequired'));
      return confirmationRef.current?.focus();
    }
    setReplaceError(undefined);
    setAttempt((a) => a + 1);
    // six digits are a code from the current app (a password is never that short)
    const compact = value.replace(/\s/g, '');
    const result = await start.run(/^\d{6}$/.test(compact) ? { code: compact } : { password: confirmation });
    if (result.ok) {
      setConfirmation('');
      setSetup(result.value);
      setCode('');
      setFieldError(undefined);
      requestAnimationFrame(() => codeRef.current?.focus());
      return;
    }
    if (result.error?.status === 403) {
      setReplaceError(t(result.error.code === 'confirmation_required' ? 'totp.errors.confirmationRequired' : 'totp.errors.confirmationWrong'));
      confirmationRef.current?.focus();
    }
  };

  const onEnable = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setFieldError(t('totp.errors.codeFormat'));
      return codeRef.current?.focus();
    }
    setFieldError(undefined);
    setAttempt((a) => a + 1);
    const replacing = user.totpEnabled;
    const result = await enable.run({ code: value });
    if (result.ok) {
      setSetup(null);
      setCode('');
      setNotice(t(replacing ? 'totp.replaced' : 'totp.enabled'));
      // the page shows the recovery codes first (and refreshes the user itself)
      if (afterEnable) await afterEnable(replacing);
      else await refresh();
      focusStatus();
      return;
    }
    if (result.error?.status === 422) {
      setFieldError(t('totp.errors.codeWrong'));
      codeRef.current?.focus();
    }
  };

  const onDisable = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setFieldError(t('totp.errors.passwordRequired'));
      return passwordRef.current?.focus();
    }
    setFieldError(undefined);
    setAttempt((a) => a + 1);
    const result = await disable.run({ password });
    if (result.ok) {
      setPassword('');
      await refresh();
      setNotice(t('totp.disabled'));
      focusStatus();
      return;
    }
    if (result.error?.status === 422) {
      setFieldError(t('totp.errors.passwordWrong'));
      passwordRef.current?.focus();
    }
  };

  const actionError = [start.error?.status === 403 ? undefined : start.error, enable.error?.status === 422 ? undefined : enable.error, disable.error && disable.error.status !== 422 ? disable.error : undefined].find(Boolean);

  return (
    <Section title={t('totp.title')}>
      <Notice message={notice} />
      {actionError && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, actionError)}
        </Alert>
      )}
      {setup ? (
        <form className="zvh-form" noValidate onSubmit={onEnable}>
          {user.totpEnabled && <Paragraph>{t('totp.replaceInstructions')}</Paragraph>}
          <Paragraph>{t('totp.scanInstructions')}</Paragraph>
          <Image src={setup.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} className="zvh-qr" />
          <Paragraph>
            {t('totp.secretInstructions')} <Code>{setup.secret}</Code>
          </Paragraph>
          <TextField
            label={t('totp.code')}
            description={t('totp.codeDescription')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError}
            required
            inputRef={codeRef}
          />
          <ButtonGroup>
            <Button type="submit" variant="primary" busy={enable.pending}>
              {t('totp.confirm')}
            </Button>
            <Button
              onClick={() => {
                setSetup(null);
                setFieldError(undefined);
                requestAnimationFrame(() => (user.totpEnabled ? confirmationRef : startRef).current?.focus());
              }}
            >
              {t('common.cancel')}
            </Button>
          </ButtonGroup>
        </form>
      ) : user.totpEnabled ? (
        <>
          <Paragraph ref={statusRef} tabIndex={-1}>
            {t('totp.statusOn')}
          </Paragraph>
          <form className="zvh-form" noValidate onSubmit={onDisable}>
            <TextField
              label={t('totp.disablePassword')}
              description={t('totp.disableDescription')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError}
              required
              inputRef={passwordRef}
            />
            <ButtonGroup>
              <Button type="submit" danger busy={disable.pending}>
                {t('totp.disable')}
              </Button>
            </ButtonGroup>
          </form>
          <form className="zvh-form" noValidate onSubmit={onReplace} aria-labelledby="totp-replace-title">
            <Heading level={3} id="totp-replace-title">
              {t('totp.replaceTitle')}
            </Heading>
            <TextField
              label={t('totp.replaceConfirm')}
              description={t('totp.replaceDescription')}
              type="password"
              autoComplete="current-password"
              value={confirmation}
              onChange={(e) => setConfirmation(e.currentTarget.value)}
              error={replaceError}
              required
              inputRef={confirmationRef}
            />
            <ButtonGroup>
              <Button type="submit" busy={start.pending}>
                {t('totp.replace')}
              </Button>
            </ButtonGroup>
          </form>
        </>
      ) : (
        <>
          <Paragraph ref={statusRef} tabIndex={-1}>
            {t('totp.statusOff')}
          </Paragraph>
          <Paragraph>{t('totp.intro')}</Paragraph>
          <ButtonGroup>
            <Button ref={startRef} variant="primary" busy={start.pending} onClick={onStart}>
              {t('totp.start')}
            </Button>
          </ButtonGroup>
        </>
      )}
    </Section>
  );
}
