// SPDX-License-Identifier: EUPL-1.2
import { Button as RhcButton } from '@rijkshuisstijl-community/components-react';
import type { ButtonHTMLAttributes, Ref } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'subtle';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Destructive action (deactivate, reset, delete): red styling. */
  danger?: boolean;
  /** Work in progress: sets aria-busy; the click handler should ignore repeated clicks. */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

const APPEARANCE: Record<ButtonVariant, string> = {
  primary: 'primary-action-button',
  secondary: 'secondary-action-button',
  subtle: 'subtle-button',
};

export function Button({ variant = 'secondary', danger, busy, type = 'button', ref, ...rest }: ButtonProps) {
  return <RhcButton {...rest} ref={ref} type={type} appearance={APPEARANCE[variant]} hint={danger ? 'danger' : undefined} busy={busy} />;
}
