// SPDX-License-Identifier: EUPL-1.2
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/errors';
import type { ApiResponse, Health } from '../api/types';
import { useAction, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { isCancelled, passkeyAssertion, passkeysSupported } from '../auth/passkey';
import { Page } from '../layout/Page';
import { Alert, Button, ButtonGroup, Code, Heading, Paragraph, SelectField, TextField } from '../ui';

type SsoOrganisation = ApiResponse<'listSsoOrganisations'>[number];

/** The demo accounts of the seed data; only shown when the server runs in demo mode. */
const DEMO_ACCOUNTS = [
  { email: 'admin@demo.zvh', key: 'admin' },
  { email: 'manager@demo.zvh', key: 'manager' },
  { email: 'regisseur@demo.zvh', key: 'regisseur' },
  { email: 'informatie@demo.zvh', key: 'informatie' },
  { email: 'politie@demo.zvh', key: 'politie' },
  { email: 'ggz@demo.zvh', key: 'ggz' },
  { email: 'gemeente@demo.zvh', key: 'gemeente' },
] as const;
const DEMO_PASSWORD = 'demo-wachtwoord';

interface Errors {
  email?: string;
  password?: string;
  otp?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const ssoFailed = new URLSearchParams(location.search).get('sso') === 'mislukt';
  const from = (location.state as { from?: string } | null)?.from;
  const health = useApi<Health>('/api/health');
  const ssoOrganisations = useApi<SsoOrganisation[]>('/api/auth/sso/organisations');
  const [ssoChoice, setSsoChoice] = useState('');
  const action = useAction(login);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpRequired, setOtpRequired] = useState(false);
  // the second factors this account has (from the server's answer): totp, recovery_code, passkey
  const [methods, setMethods] = useState<string[]>([]);
  const [passkeyError, setPasskeyError] = useState<string>();
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const otpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (otpRequired) otpRef.current?.focus();
  }, [otpRequired]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    if (!email.trim()) next.email = t('login.errors.emailRequired');
    if (!password) next.password = t('login.errors.passwordRequired');
    const compact = otp.replace(/[\s-]/g, '');
    const askCode = otpRequired && methods.includes('totp');
    if (askCode && !/^\d{6}$/.test(compact) && !/^[a-zA-Z2-9]{16}$/.test(compact)) next.otp = t('login.errors.otpFormat');
    setErrors(next);
    if (next.email) return emailRef.current?.focus();
    if (next.password) return passwordRef.current?.focus();
    if (next.otp) return otpRef.current?.focus();

    setAttempt((a) => a + 1);
    const result = await action.run({ email: email.trim(), password, otp: askCode ? otp.trim() : undefined });
    afterAttempt(result);
  };

  const afterAttempt = (result: Awaited<ReturnType<typeof action.run>>) => {
    if (result.ok) {
      navigate(from && from !== '/inloggen' ? from : '/', { replace: true });
      return;
    }
    const code = result.error?.code;
    const given = (result.error?.details as { methods?: unknown } | undefined)?.methods;
    if (Array.isArray(given)) setMethods(given.filter((m): m is string => typeof m === 'string'));
    if (code === 'otp_required' || code === 'second_factor_required') {
      setOtpRequired(true);
    } else if (code === 'otp_invalid') {
      setOtp('');
      setErrors({ otp: t('errors.otp_invalid') });
      otpRef.current?.focus();
    }
  };

  const withPasskey = async () => {
    setPasskeyError(undefined);
    let passkey: unknown;
    try {
      passkey = await passkeyAssertion();
    } catch (err) {
      setPasskeyError(isCancelled(err) ? t('passkeys.cancelled') : t('passkeys.failed'));
      return;
    }
    setAttempt((a) => a + 1);
    afterAttempt(await action.run({ email: email.trim(), password, passkey }));
  };

  const error = action.error;
  const showError = error && error.code !== 'otp_required' && error.code !== 'second_factor_required' && error.code !== 'otp_invalid';

  return (
    <Page title={t('login.title')} narrow>
      {sessionExpired && <Alert type="warning">{t('login.sessionExpired')}</Alert>}
      {ssoFailed && (
        <Alert type="error" focus>
          {t('login.sso.failed')}
        </Alert>
      )}
      {showError && (
        <Alert key={attempt} type="error" focus>
          {errorMessage(t, error)}
        </Alert>
      )}
      {otpRequired && (
        <Alert type="info" title={t('login.otpTitle')}>
          {t('login.otpIntro')}
        </Alert>
      )}
      <form className="zvh-form" noValidate onSubmit={submit} aria-label={t('login.title')}>
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          required
          inputRef={emailRef}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
          inputRef={passwordRef}
        />
        {otpRequired && methods.includes('passkey') && passkeysSupported() && (
          <>
            {passkeyError && <Alert type="error">{passkeyError}</Alert>}
            <ButtonGroup>
              <Button type="button" onClick={() => void withPasskey()} busy={action.pending}>
                {t('login.withPasskey')}
              </Button>
            </ButtonGroup>
          </>
        )}
        {otpRequired && methods.includes('totp') && (
          <TextField
            label={t('login.otp')}
            description={t('login.otpDescription')}
            name="otp"
            autoComplete="one-time-code"
            maxLength={24}
            value={otp}
            onChange={(e) => setOtp(e.currentTarget.value)}
            error={errors.otp}
            required
            inputRef={otpRef}
            className="utrecht-textbox--numeric"
          />
        )}
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={action.pending}>
            {t('login.submit')}
          </Button>
        </ButtonGroup>
      </form>
      {ssoOrganisations.data && ssoOrganisations.data.length > 0 && (
        <section className="zvh-section" aria-labelledby="sso-heading">
          <Heading level={2} id="sso-heading">
            {t('login.sso.title')}
          </Heading>
          {/* a plain GET form: the browser goes to the server, which sends it on to the organisation's provider */}
          <form className="zvh-form" method="get" action="/api/auth/sso/start">
            <SelectField
              label={t('login.sso.organisation')}
              name="organisation"
              required
              placeholder={t('login.sso.choose')}
              value={ssoChoice}
              onChange={(e) => setSsoChoice(e.currentTarget.value)}
              options={ssoOrganisations.data.map((o) => ({ value: o.organisation, label: o.name }))}
            />
            {ssoOrganisations.data.find((o) => o.organisation === ssoChoice) && (
              <input type="hidden" name="tenant" value={ssoOrganisations.data.find((o) => o.organisation === ssoChoice)!.tenant} />
            )}
            <ButtonGroup>
              <Button type="submit" disabled={!ssoChoice}>
                {t('login.sso.submit')}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      )}
      {health.data?.demo && (
        <Alert type="info" title={t('login.demoTitle')} className="zvh-section">
          <Paragraph>
            {t('login.demoIntro')} <Code>{DEMO_PASSWORD}</Code>
          </Paragraph>
          <ul className="zvh-demo-list">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <Code>{a.email}</Code> – {t(`login.demoAccount.${a.key}`)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </Page>
  );
}
