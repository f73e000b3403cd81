// SPDX-License-Identifier: EUPL-1.2
// Form fields: a label, an optional description, an error message and the control, wired with
// id / aria-describedby / aria-invalid. Built on the rijkshuisstijl-community FormField.
import {
  Fieldset as RhcFieldset,
  FormField as RhcFormField,
  FormFieldCheckboxOption as RhcCheckboxOption,
  FormFieldErrorMessage as RhcErrorMessage,
  TextInput as RhcTextInput,
  Textarea as RhcTextarea,
} from '@rijkshuisstijl-community/components-react';
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldBase {
  label: ReactNode;
  description?: ReactNode;
  /** The error message; its presence marks the field invalid. */
  error?: string;
  /** Adds "(niet verplicht)" to the label. */
  optional?: boolean;
  id?: string;
}

export interface FieldIds {
  inputId: string;
  descriptionId: string;
  errorId: string;
}

export function fieldIds(base: string): FieldIds {
  return { inputId: base, descriptionId: `${base}-omschrijving`, errorId: `${base}-fout` };
}

/** aria-describedby for a control: the description and error message that are actually rendered. */
export function describedBy(ids: FieldIds, hasDescription: boolean, hasError: boolean, extra?: string): string | undefined {
  const parts = [hasDescription ? ids.descriptionId : '', hasError ? ids.errorId : '', extra ?? ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

function useFieldIds(id?: string): FieldIds {
  const auto = useId();
  return fieldIds(id ?? `veld${auto.replace(/[^a-zA-Z0-9_-]/g, '')}`);
}

function FieldLabel({ label, optional }: { label: ReactNode; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {label}
      {optional && <span className="zvh-optional"> {t('form.optional')}</span>}
    </>
  );
}

function Field({ ids, label, description, error, optional, input }: FieldBase & { ids: FieldIds; input: ReactNode }) {
  return (
    <RhcFormField
      id={ids.inputId}
      label={<FieldLabel label={label} optional={optional} />}
      description={
        description ? (
          <div id={ids.descriptionId} className="utrecht-form-field-description">
            {description}
          </div>
        ) : undefined
      }
      invalid={Boolean(error)}
      errorMessage={error}
      errorMessageId={ids.errorId}
      descriptionId={ids.descriptionId}
      statusId={`${ids.inputId}-status`}
      input={input}
    />
  );
}

export interface TextFieldProps extends FieldBase, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ label, description, error, optional, id, inputRef, type = 'text', required, ...input }: TextFieldProps) {
  const ids = useFieldIds(id);
  return (
    <Field
      ids={ids}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <RhcTextInput
          {...input}
          ref={inputRef}
          id={ids.inputId}
          type={type}
          dir={input.dir ?? 'auto'}
          required={required}
          invalid={Boolean(error)}
          aria-describedby={describedBy(ids, Boolean(description), Boolean(error))}
        />
      }
    />
  );
}

export type DateFieldProps = Omit<TextFieldProps, 'type'>;

/** A date as yyyy-mm-dd, with the browser's date picker. */
export function DateField(props: DateFieldProps) {
  return <TextField {...props} type="date" />;
}

export interface TextAreaFieldProps extends FieldBase, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, description, error, optional, id, inputRef, required, rows = 5, ...input }: TextAreaFieldProps) {
  const ids = useFieldIds(id);
  return (
    <Field
      ids={ids}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <RhcTextarea
          {...input}
          ref={inputRef}
          id={ids.inputId}
          rows={rows}
          required={required}
          invalid={Boolean(error)}
          aria-describedby={describedBy(ids, Boolean(description), Boolean(error))}
        />
      }
    />
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps extends FieldBase, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> {
  options: SelectOption[];
  /** Text of an empty first option ("Kies ..."); omit when a value is always chosen. */
  placeholder?: string;
  inputRef?: Ref<HTMLSelectElement>;
}

export function SelectField({ label, description, error, optional, id, options, placeholder, inputRef, required, className, ...select }: SelectFieldProps) {
  const ids = useFieldIds(id);
  const invalid = Boolean(error);
  return (
    <Field
      ids={ids}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <select
          {...select}
          ref={inputRef}
          id={ids.inputId}
          className={['utrecht-select', 'utrecht-select--html-select', invalid ? 'utrecht-select--invalid' : '', required ? 'utrecht-select--required' : '', className ?? '']
            .filter(Boolean)
            .join(' ')}
          aria-required={required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(ids, Boolean(description), invalid)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled} className="utrecht-select__option">
              {o.label}
            </option>
          ))}
        </select>
      }
    />
  );
}

export interface CheckboxFieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  value?: string;
  disabled?: boolean;
}

export function CheckboxField({ label, description, error, checked, onChange, name, value, disabled }: CheckboxFieldProps) {
  return (
    <RhcCheckboxOption
      label={label}
      description={description}
      invalid={Boolean(error)}
      errorMessage={error}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
      name={name}
      value={value}
      disabled={disabled}
      // The library puts an aria-describedby with its own ids on the wrapper; the checkbox itself is wired correctly.
      aria-describedby={undefined}
    />
  );
}

export interface CheckboxGroupFieldProps {
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  options: SelectOption[];
  value: string[];
  onChange: (value: string[]) => void;
  name?: string;
  id?: string;
}

/** A set of checkboxes for a multi-value field, in a fieldset with a legend. */
export function CheckboxGroupField({ legend, description, error, options, value, onChange, name, id }: CheckboxGroupFieldProps) {
  const ids = useFieldIds(id);
  const toggle = (v: string, on: boolean) => onChange(on ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
  return (
    <RhcFieldset
      id={ids.inputId}
      legend={legend}
      invalid={Boolean(error)}
      aria-describedby={describedBy(ids, Boolean(description), Boolean(error))}
    >
      {description && (
        <div id={ids.descriptionId} className="utrecht-form-field-description">
          {description}
        </div>
      )}
      {error && <RhcErrorMessage id={ids.errorId}>{error}</RhcErrorMessage>}
      {options.map((o) => (
        <CheckboxField
          key={o.value}
          label={o.label}
          name={name}
          value={o.value}
          disabled={o.disabled}
          checked={value.includes(o.value)}
          onChange={(on) => toggle(o.value, on)}
        />
      ))}
    </RhcFieldset>
  );
}
