// SPDX-License-Identifier: EUPL-1.2
// Shared parts of the Beheer pages: the section navigation, status text, row buttons, the form
// state of the add/edit dialogs, and the list + add/edit dialog + (de)activate flow they share.
import type { TFunction } from 'i18next';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf, isSchemaMessage, type ActionState } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { BEHEER_ITEMS } from '../../nav/navigation';
import {
  Alert,
  Button,
  ConfirmDialog,
  DataTable,
  ErrorState,
  FormDialog,
  Notice,
  Paragraph,
  Spinner,
  SubNav,
  TextField,
  VisuallyHidden,
  type ButtonProps,
  type Column,
  type DataTableProps,
} from '../../ui';

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
  /** The value, change handler and error of field `key`, for a field component. */
  const field = <K extends keyof V & string>(key: K) => ({ value: values[key], onChange: (value: V[K]) => set(key, value), error: errors[key] });
  return { values, set, field, errors, reset, check, serverErrors, invalidAttempt };
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


/** The error of a code field of a new item (an existing item's code cannot change). */
export function codeError(t: TFunction, isNew: boolean, code: string, pattern = CODE_PATTERN, patternMessage = t('beheer.errors.codePattern')) {
  if (!isNew) return undefined;
  return !code ? t('beheer.errors.codeRequired') : !pattern.test(code) ? patternMessage : undefined;
}

/** The error of a required name (or label) field of at most NAME_MAX characters. */
export function nameError(t: TFunction, value: string, requiredMessage = t('beheer.errors.nameRequired')) {
  const name = value.trim();
  return !name ? requiredMessage : name.length > NAME_MAX ? t('beheer.errors.nameTooLong', { max: NAME_MAX }) : undefined;
}

/** Items on the Beheer pages: named, and active or not. */
export interface BeheerItem {
  active: boolean;
}

type Target<T> = T | 'new';

/** An open confirmation: which one (`deactivate`, or a page's own) and for which item. */
export interface Confirming<T> {
  kind: string;
  item: T;
}

export interface BeheerOptions<T extends BeheerItem, V extends object, R> {
  /** The values of the add dialog. */
  empty: V;
  /** The values of the edit dialog of `item`. */
  toValues: (item: T) => V;
  /** The name of `item` in row buttons, titles and notices. */
  name: (item: T) => string;
  save: ActionState<[Target<T>, V], R>;
  setActive: ActionState<[T, boolean], unknown>;
  /** The field errors of these values (none: submit). */
  validate: (target: Target<T>, values: V) => FieldErrors<V>;
  /** After a successful save: the notice to show (undefined: leave the notice as it is). */
  saved: (target: Target<T>, values: V, value: R) => string | undefined;
  /** Load the list again. */
  reload: () => void;
}

/**
 * The state of a Beheer page: the notice, the add/edit dialog with its form, the confirmation
 * that is open, and the (de)activation of items.
 */
export function useBeheer<T extends BeheerItem, V extends object, R>(options: BeheerOptions<T, V, R>) {
  const { empty, toValues, name, save, setActive, validate, saved, reload } = options;
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<Target<T> | null>(null);
  const [confirming, setConfirming] = useState<Confirming<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useFormState<V>(empty);
  const nextAttempt = () => setAttempt((a) => a + 1);

  const open = (target: Target<T>) => {
    save.reset();
    form.reset(target === 'new' ? empty : toValues(target));
    setEditing(target);
  };

  const submit = async () => {
    if (!editing) return;
    const { values } = form;
    if (!form.check(validate(editing, values))) return;
    nextAttempt();
    const result = await save.run(editing, values);
    if (!result.ok) return form.serverErrors(result.error);
    setEditing(null);
    reload();
    const message = saved(editing, values, result.value);
    if (message !== undefined) setNotice(message);
  };

  const toggle = async (item: T, active: boolean) => {
    nextAttempt();
    const result = await setActive.run(item, active);
    if (result.ok) {
      setConfirming(null);
      setNotice(t(active ? 'beheer.activated' : 'beheer.deactivated', { name: name(item) }));
      reload();
    }
  };

  /** Open the confirmation `kind` for `item`, clearing the last error of its `action`. */
  const ask = (kind: string, item: T, action: { reset: () => void } = setActive) => {
    action.reset();
    setConfirming({ kind, item });
  };

  return {
    name,
    notice,
    setNotice,
    editing,
    /** The name of the item in the edit dialog ('' when adding). */
    editingName: editing === null || editing === 'new' ? '' : name(editing),
    close: () => setEditing(null),
    confirming,
    cancelConfirm: () => setConfirming(null),
    attempt,
    nextAttempt,
    form,
    open,
    submit,
    toggle,
    ask,
    saving: save.pending,
    saveError: save.error,
    toggling: setActive.pending,
    toggleError: setActive.error,
  };
}

export type BeheerState<T extends BeheerItem, V extends object> = ReturnType<typeof useBeheer<T, V, unknown>>;

/** The intro, the notice and the error of a (de)activation from a row button. */
export function BeheerIntro<T extends BeheerItem, V extends object>({ page, intro }: { page: BeheerState<T, V>; intro: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>{intro}</Paragraph>
      <Notice message={page.notice} />
      {page.toggleError && !page.confirming && (
        <Alert key={page.attempt} type="error" focus>
          {errorMessage(t, page.toggleError)}
        </Alert>
      )}
    </>
  );
}

/** The primary button that opens the add dialog. */
export function AddButton<T extends BeheerItem, V extends object>({ page, label, disabled }: { page: BeheerState<T, V>; label: string; disabled?: boolean }) {
  return (
    <Button variant="primary" onClick={() => page.open('new')} disabled={disabled}>
      {label}
    </Button>
  );
}

/**
 * A Beheer page of one list: the intro, the add button, the table (once loaded) and, as
 * `children`, the page's dialogs.
 */
export function BeheerListPage<T extends BeheerItem, V extends object>({
  page,
  title,
  intro,
  addLabel,
  addDisabled,
  loading,
  error,
  onRetry,
  table,
  children,
}: {
  page: BeheerState<T, V>;
  title: string;
  intro: string;
  addLabel: string;
  addDisabled?: boolean;
  loading: boolean;
  error: ApiError | undefined;
  onRetry: () => void;
  table: DataTableProps<T>;
  children: ReactNode;
}) {
  return (
    <BeheerPage title={title}>
      <BeheerIntro page={page} intro={intro} />
      <div className="zvh-toolbar">
        <AddButton page={page} label={addLabel} disabled={addDisabled} />
      </div>
      <Loaded loading={loading} error={error} onRetry={onRetry}>
        <DataTable {...table} />
      </Loaded>
      {children}
    </BeheerPage>
  );
}

/** The loading state of one list for BeheerListPage: loading (the first time), error, retry. */
export function listState(list: { data: unknown; loading: boolean; error: ApiError | undefined; reload: () => void }) {
  return { loading: list.loading && !list.data, error: list.error, onRetry: list.reload };
}

/** A spinner while loading, the error when loading failed, else the children. */
export function Loaded({ loading, error, onRetry, children }: { loading: boolean; error: ApiError | undefined; onRetry: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  if (loading) return <Spinner label={t('common.loading')} />;
  if (error) return <ErrorState title={t('errors.loadFailed')} message={errorMessage(t, error)} retryLabel={t('common.retry')} onRetry={onRetry} />;
  return <>{children}</>;
}

/** The items sorted by name (Dutch order). */
export function byName<T extends { name: string }>(items: readonly T[] | undefined): T[] {
  return [...(items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** The status column: active or not. */
export function statusColumn<T extends BeheerItem>(t: TFunction): Column<T> {
  return { key: 'active', header: t('beheer.status'), cell: (item) => <ActiveStatus active={item.active} /> };
}

/** The column of row buttons: edit, then `children`, then (de)activate where `canToggle`. */
export function actionsColumn<T extends BeheerItem, V extends object>(
  t: TFunction,
  page: BeheerState<T, V>,
  row?: (item: T) => { canToggle?: boolean; children?: ReactNode },
): Column<T> {
  return {
    key: 'actions',
    header: t('beheer.actions'),
    hiddenHeader: true,
    cell: (item) => {
      const { canToggle = true, children } = row?.(item) ?? {};
      const rowName = page.name(item);
      return (
        <div className="zvh-row-actions">
          <RowButton label={t('beheer.edit')} rowName={rowName} onClick={() => page.open(item)} />
          {children}
          {canToggle &&
            (item.active ? (
              <RowButton label={t('beheer.deactivate')} rowName={rowName} danger onClick={() => page.ask('deactivate', item)} />
            ) : (
              <RowButton label={t('beheer.activate')} rowName={rowName} busy={page.toggling} onClick={() => page.toggle(item, true)} />
            ))}
        </div>
      );
    },
  };
}

/** The add/edit dialog; `fields`: the fields it shows (see FormError). */
export function EditDialog<T extends BeheerItem, V extends object>({
  page,
  title,
  fields,
  children,
}: {
  page: BeheerState<T, V>;
  title: string;
  fields: readonly (keyof V & string)[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={page.editing !== null}
      title={title}
      onClose={page.close}
      onSubmit={page.submit}
      submitLabel={page.editing === 'new' ? t('common.add') : t('common.save')}
      busy={page.saving}
      invalidAttempt={page.form.invalidAttempt}
      message={<FormError error={page.saveError} attempt={page.attempt} fields={fields} />}
    >
      {children}
    </FormDialog>
  );
}

/** The code field of the add dialog; the edit dialog shows the code, which cannot change. */
export function CodeField({ isNew, description, value, onChange, error }: { isNew: boolean; description: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return isNew ? (
    <TextField
      label={t('beheer.code')}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required
      autoComplete="off"
      spellCheck={false}
    />
  ) : (
    <Paragraph>
      {t('beheer.code')}: <strong>{value}</strong> ({t('beheer.codeFixed')})
    </Paragraph>
  );
}

/** A required text field for a name or label. */
export function NameField({ label, value, onChange, error }: { label: string; value: string; onChange: (value: string) => void; error?: string }) {
  return <TextField label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} required autoComplete="off" />;
}

/** The error of a confirmation, if any. */
export function confirmError(error: ApiError | undefined, attempt: number) {
  return error && <FormError error={error} attempt={attempt} fields={[]} />;
}

/** The confirmation before deactivating an item. */
export function DeactivateDialog<T extends BeheerItem, V extends object>({ page, message }: { page: BeheerState<T, V>; message: string }) {
  const { t } = useTranslation();
  const { confirming } = page;
  return (
    <ConfirmDialog
      open={confirming !== null}
      title={t('beheer.deactivateTitle', { name: confirming ? page.name(confirming.item) : '' })}
      message={message}
      confirmLabel={t('beheer.deactivate')}
      danger
      busy={page.toggling}
      error={confirmError(page.toggleError, page.attempt)}
      onConfirm={() => confirming && page.toggle(confirming.item, false)}
      onCancel={page.cancelConfirm}
    />
  );
}
