// SPDX-License-Identifier: EUPL-1.2
import { ROLE_LABELS } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { knownRoles } from '../nav/roles';

/** The names of these roles in the current language, comma separated ("Procesregisseur"). */
export function useRoleLabels(roles: readonly string[]): string {
  const { t } = useTranslation();
  return knownRoles(roles)
    .map((role) => t(`roles.${role}`, { defaultValue: ROLE_LABELS[role] }))
    .join(', ');
}
