// SPDX-License-Identifier: EUPL-1.2
// Shared parts of the Beheer pages: the section navigation, status text, row buttons and the
// form state of the add/edit dialogs.
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf, isSchemaMessage } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { BEHEER_ITEMS } from '../../nav/navigation';
import { Alert, Button, SubNav, VisuallyHidden, type ButtonProps } from '../../ui';

export function BeheerPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <SubNav label={t('beheer.sectionNav')} items={BEHEER_ITEMS.map((item) => ({ to: item.path, label: t(`nav.${item.label}`) }))} />
      {children}
    </Page>
  );
}

export function ActiveStatus({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={active ? undefined : 'zvh-status--inactive'}>{active ? t('beheer.active') : t('beheer.inactive')}</span>;
}

/** A button in a table row; the row's name is added for screen readers ("Wijzigen Politie"). */
export function RowButton({ label, rowName, ...rest }: Omit<ButtonProps, 'children'> & { label: string; rowName: string }) {
  return (
    <Button variant="secondary" {...rest}>
      {label}
      <VisuallyHidden> {rowName}</VisuallyHidden>
    </Button>
  );
}

export type FieldErrors<V> = Partial<Record<keyof V & string, string>>;

/** Values, field errors and the invalid-submit counter of an add/edit form. */
export function useFormState<V extends object>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  const reset = useCallback((next: V) => {
    setValues(next);
    setErrors({});
  }, []);
  /** Show these errors; returns true when there are none. */
  const check = useCallback((next: FieldErrors<V>) => {
    setErrors(next);
    const ok = Object.values(next).every((m) => !m);
    if (!ok) setInvalidAttempt((n) => n + 1);
    return ok;
  }, []);
  /** Put the server's validation details on the fields they name. */
  const serverErrors = useCallback((error: ApiError | undefined) => {
    const byField = fieldErrorsOf(error, i18n.t('beheer.errors.invalid'));
    if (Object.keys(byField).length === 0) return;
    setErrors(byField as FieldErrors<V>);
    setInvalidAttempt((n) => n + 1);
  }, []);
  return { values, set, errors, reset, check, serverErrors, invalidAttempt };
}

/** The server error above a form, focused so it is read out. */
/** `fields`: the fields the form shows, where their errors appear (an empty list for a confirmation). */
export function FormError({ error, attempt, fields }: { error: ApiError | undefined; attempt: number; fields: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  // Errors on fields the form shows are shown at those fields; anything else is said here.
  const shownAtField = error.fieldErrors.length > 0 && error.fieldErrors.every((e) => fields.includes(e.field));
  const message = shownAtField
    ? t('beheer.checkFields')
    : (error.fieldErrors.find((e) => !isSchemaMessage(e.message))?.message ?? errorMessage(t, error));
  return (
    <Alert key={attempt} type="error" focus={!shownAtField}>
      {message}
    </Alert>
  );
}

/** Codes of organisations and code list values (the server's pattern). */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const NAME_MAX = 200;

