// SPDX-License-Identifier: EUPL-1.2
// Form and display parts shared by the case-flow pages, built from the ui layer and the NL Design
// System CSS classes: a form section (fieldset with a heading as legend), a radio group, an
// error summary that links to the fields, a definition list, a loading boundary.
import type { Status } from '@zvh/shared';
import './case-flow.css';
import { useId, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { ApiError } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { Alert, Button, ErrorState, Heading, Paragraph, Spinner, describedBy, fieldIds, type HeadingLevel, type SelectOption } from '../../../ui';

/** A part of a long form: a fieldset whose legend is a heading. */
export function FormSection({ legend, description, level = 2, children }: { legend: ReactNode; description?: ReactNode; level?: HeadingLevel; children: ReactNode }) {
  const descId = useId();
  return (
    <div className="utrecht-form-fieldset zvh-cf-section">
      <fieldset className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={description ? descId : undefined}>
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <Heading level={level} appearance={level === 2 ? 3 : 4}>
            {legend}
          </Heading>
        </legend>
        {description && (
          <div id={descId} className="utrecht-form-field-description zvh-cf-section__description">
            {description}
          </div>
        )}
        {children}
      </fieldset>
    </div>
  );
}

export interface RadioOption extends SelectOption {
  description?: ReactNode;
}

export interface RadioGroupFieldProps {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  options: RadioOption[];
  value: string;
  onChange: (value: string) => void;
  name?: string;
  required?: boolean;
  optional?: boolean;
  disabled?: boolean;
}

/** One choice out of a few, as radio buttons in a fieldset. */
export function RadioGroupField({ id, legend, description, error, options, value, onChange, name, required, optional, disabled }: RadioGroupFieldProps) {
  const { t } = useTranslation();
  const ids = fieldIds(id);
  const invalid = Boolean(error);
  // role radiogroup (allowed on a fieldset) carries aria-required; `required` on the radios would
  // mark them :invalid, and styled as errors, before the user chose anything
  return (
    <div id={ids.inputId} className={['utrecht-form-fieldset', 'zvh-cf-radio-group', invalid ? 'utrecht-form-fieldset--invalid' : ''].filter(Boolean).join(' ')}>
      <fieldset
        className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        role="radiogroup"
        aria-describedby={describedBy(ids, Boolean(description), invalid)}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        disabled={disabled}
      >
        <legend className={['utrecht-form-fieldset__legend', 'utrecht-form-fieldset__legend--html-legend', invalid ? 'utrecht-form-fieldset__legend--invalid' : ''].filter(Boolean).join(' ')}>
          {legend}
          {optional && <span className="zvh-optional"> {t('form.optional')}</span>}
        </legend>
        {description && (
          <div id={ids.descriptionId} className="utrecht-form-field-description">
            {description}
          </div>
        )}
        {error && (
          <div id={ids.errorId} className="utrecht-form-field-error-message">
            {error}
          </div>
        )}
        {options.map((o, i) => {
          const optionId = `${ids.inputId}-${i}`;
          return (
            <div key={o.value} className="utrecht-form-field utrecht-form-field--radio zvh-cf-radio">
              <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                <label htmlFor={optionId} className="utrecht-form-label utrecht-form-label--radio">
                  <input
                    id={optionId}
                    type="radio"
                    className={['utrecht-radio-button', 'utrecht-radio-button--html-input', 'utrecht-form-field__input', invalid ? 'utrecht-radio-button--invalid' : '']
                      .filter(Boolean)
                      .join(' ')}
                    name={name ?? ids.inputId}
                    value={o.value}
                    checked={value === o.value}
                    disabled={o.disabled}
                    aria-describedby={o.description ? `${optionId}-omschrijving` : undefined}
                    onChange={(e) => e.currentTarget.checked && onChange(o.value)}
                  />
                  {o.label}
                </label>
              </div>
              {o.description && (
                <div id={`${optionId}-omschrijving`} className="utrecht-form-field-description zvh-cf-radio__description">
                  {o.description}
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Moves focus to the field with this id (or the first control inside it). */
export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button');
  (target ?? el).focus();
  (target ?? el).scrollIntoView({ block: 'center' });
}

export interface SummaryError {
  /** The id of the field to jump to. */
  id: string;
  label: string;
  message: string;
}

/**
 * After a submit with errors: a list of what is wrong, each linking to its field. Gets focus
 * (and so is read out) on every new attempt.
 */
export function ErrorSummary({ errors, attempt, message }: { errors: SummaryError[]; attempt: number; message?: string }) {
  const { t } = useTranslation();
  if (errors.length === 0 && !message) return null;
  const jump = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    e.preventDefault();
    focusField(id);
  };
  return (
    <Alert key={attempt} type="error" focus title={t('caseFlow.errorSummaryTitle')}>
      {message && <Paragraph>{message}</Paragraph>}
      {errors.length > 0 && (
        <ul className="zvh-cf-error-list">
          {errors.map((e) => (
            <li key={e.id}>
              <a className="nl-link rhc-link" href={`#${e.id}`} onClick={(ev) => jump(ev, e.id)}>
                {e.label}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/**
 * The server's field errors mapped onto the form's own fields: a detail for "household.0.bsn"
 * lands on the most specific known key ("household.0.bsn", else "household.0", else "household").
 * Details that match no field are returned under "".
 */
export function mapServerErrors(error: ApiError | undefined, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of error?.fieldErrors ?? []) {
    let key = field;
    while (key && !known.includes(key)) key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
    if (!(key in out)) out[key] = message;
  }
  return out;
}

/** The message for a failed action: our text for known codes, else the server's. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: ApiError) => errorMessage(t, error);
}

export interface DetailItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a definition list. */
export function Details({ items }: { items: DetailItem[] }) {
  return (
    <dl className="rhc-data-summary rhc-data-summary--row zvh-cf-details">
      {items.map((item) => (
        <div key={item.label} className="rhc-data-summary__item">
          <dt className="rhc-data-summary__item-key">{item.label}</dt>
          <dd className="rhc-data-summary__item-value">{item.value === '' || item.value == null ? '—' : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Multi-line text as the user typed it. */
export function MultiLine({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return <span className="zvh-cf-multiline">{text}</span>;
}

export interface Loadable<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** A spinner while loading, an error with a retry when loading failed, else the content. */
export function LoadBoundary<T>({ state, label, children }: { state: Loadable<T>; label?: string; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) {
    return <ErrorState title={t('errors.loadFailed')} message={errorMessage(t, state.error)} retryLabel={t('common.retry')} onRetry={state.reload} />;
  }
  return <Spinner label={label ?? t('common.loading')} />;
}

/** Someone else saved first (409 stale_version): say so and offer to load the current version. */
export function StaleVersionAlert({ onReload, attempt }: { onReload: () => void; attempt: number }) {
  const { t } = useTranslation();
  return (
    <Alert key={attempt} type="warning" focus title={t('caseFlow.staleTitle')}>
      <Paragraph>{t('caseFlow.staleMessage')}</Paragraph>
      <div className="zvh-alert__actions">
        <Button onClick={onReload}>{t('caseFlow.reloadLatest')}</Button>
      </div>
    </Alert>
  );
}

/** The status of a registration or case in words. */
export function StatusText({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <span className={`zvh-cf-status zvh-cf-status--${status}`}>{t(`caseFlow.status.${status}`)}</span>;
}

/** A notice passed along with a navigation (state.notice), e.g. "Triage vastgelegd". */
export function useLocationNotice(): string | undefined {
  const location = useLocation();
  return (location.state as { notice?: string } | null)?.notice;
}

/** Focus an element when `when` becomes true (a confirmation that replaced a form). */
