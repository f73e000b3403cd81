// SPDX-License-Identifier: EUPL-1.2
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf, useAction } from '../../api/useApi';
import { Alert, Button, ButtonGroup, TextField } from '../../ui';
import { MIN_PASSWORD_LENGTH, validateNewPassword, type PasswordErrors as Errors } from './passwordRules';

export function ChangePasswordForm({ onDone, submitLabel }: { onDone: () => void | Promise<void>; submitLabel: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    repeatPassword: useRef<HTMLInputElement>(null),
  };
  const action = useAction((body: { currentPassword: string; newPassword: string }) => api.post('/api/auth/password', body));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = validateNewPassword(
      { currentPassword, newPassword, repeatPassword },
      {
        currentRequired: t('password.errors.currentRequired'),
        tooShort: t('password.errors.tooShort', { min: MIN_PASSWORD_LENGTH }),
        sameAsCurrent: t('password.errors.sameAsCurrent'),
        noMatch: t('password.errors.noMatch'),
      },
    );
    setErrors(next);
    const first = (Object.keys(refs) as (keyof Errors)[]).find((k) => next[k]);
    if (first) return refs[first].current?.focus();

    setAttempt((a) => a + 1);
    const result = await action.run({ currentPassword, newPassword });
    if (result.ok) {
      setCurrentPassword('');
      setNewPassword('');
      setRepeatPassword('');
      await onDone();
      return;
    }
    const server = fieldErrorsOf(result.error);
    const mapped: Errors = {};
    if (server.currentPassword) mapped.currentPassword = server.currentPassword;
    if (server.newPassword) mapped.newPassword = server.newPassword;
    setErrors(mapped);
  };

  return (
    <form className="zvh-form" noValidate onSubmit={submit}>
      {action.error && (
        <Alert key={attempt} type="error" focus>
          {action.error.code === 'invalid_credentials' ? t('password.errors.currentWrong') : errorMessage(t, action.error)}
        </Alert>
      )}
      <TextField
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.currentTarget.value)}
        error={errors.currentPassword}
        required
        inputRef={refs.currentPassword}
      />
      <TextField
        label={t('password.new')}
        description={t('password.newDescription', { min: MIN_PASSWORD_LENGTH })}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(e) => setNewPassword(e.currentTarget.value)}
        error={errors.newPassword}
        required
        inputRef={refs.newPassword}
      />
      <TextField
        label={t('password.repeat')}
        type="password"
        autoComplete="new-password"
        value={repeatPassword}
        onChange={(e) => setRepeatPassword(e.currentTarget.value)}
        error={errors.repeatPassword}
        required
        inputRef={refs.repeatPassword}
      />
      <ButtonGroup>
        <Button type="submit" variant="primary" busy={action.pending}>
          {submitLabel}
        </Button>
      </ButtonGroup>
    </form>
  );
}
