// SPDX-License-Identifier: EUPL-1.2
// Modal dialogs on the native <dialog> element: the browser keeps focus inside, Escape closes,
// and focus goes back to where it was when the dialog closes.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { ButtonGroup } from './layout';
import { Heading, Paragraph } from './Typography';

export interface DialogProps {
  open: boolean;
  title: ReactNode;
  /** Called on Escape and on the close button. */
  onClose: () => void;
  children: ReactNode;
  /** Element to focus when the dialog opens (default: the first field or button). */
  initialFocus?: () => HTMLElement | null | undefined;
  describedBy?: string;
  className?: string;
}

export function Dialog({ open, title, onClose, children, initialFocus, describedBy, className }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocus = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const target = initialFocus?.() ?? dialog.querySelector<HTMLElement>('input, select, textarea, [data-autofocus]');
      target?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    // initialFocus is read once, when opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    const onNativeClose = () => {
      const el = returnFocus.current;
      returnFocus.current = null;
      if (el && el.isConnected) el.focus();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
    };
  }, []);

  useEffect(
    () => () => {
      // Unmounted while open: close so the page is usable again.
      if (ref.current?.open) ref.current.close();
    },
    [],
  );

  return (
    <dialog ref={ref} className={['zvh-dialog', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={titleId} aria-describedby={describedBy}>
      {open && (
        <div className="zvh-dialog__body">
          <div className="zvh-dialog__header">
            <Heading level={2} appearance={3} id={titleId}>
              {title}
            </Heading>
            <Button variant="subtle" className="zvh-dialog__close" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

export interface FormDialogProps extends Omit<DialogProps, 'children'> {
  children: ReactNode;
  submitLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  onSubmit: () => void;
  /** Shown above the fields (a server error). */
  message?: ReactNode;
  /** Increase after a submit that left invalid fields: focus moves to the first one. */
  invalidAttempt?: number;
}

/** A dialog holding a form: fields, then Save and Cancel. */
export function FormDialog({ children, submitLabel, cancelLabel, busy, onSubmit, message, invalidAttempt, ...dialog }: FormDialogProps) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!invalidAttempt) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .utrecht-form-fieldset--invalid input')?.focus();
  }, [invalidAttempt]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <Dialog {...dialog}>
      <form ref={form} noValidate onSubmit={submit} className="zvh-form">
        {message}
        {children}
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
          <Button onClick={dialog.onClose}>{cancelLabel ?? t('common.cancel')}</Button>
        </ButtonGroup>
      </form>
    </Dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What will happen. */
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  /** A server error from a failed attempt. */
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" Focus starts on Cancel, so Enter does not confirm by accident. */
export function ConfirmDialog({ open, title, message, confirmLabel, cancelLabel, danger, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const messageId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog open={open} title={title} onClose={onCancel} describedBy={messageId} initialFocus={() => cancelRef.current}>
      <div id={messageId}>{typeof message === 'string' ? <Paragraph>{message}</Paragraph> : message}</div>
      {error}
      <ButtonGroup>
        <Button
          variant="primary"
          danger={danger}
          busy={busy}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </Button>
        <Button ref={cancelRef} onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}
