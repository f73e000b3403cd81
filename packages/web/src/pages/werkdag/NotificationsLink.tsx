// SPDX-License-Identifier: EUPL-1.2
// "Meldingen" in the header with the number of unread notifications. Asked again after every
// navigation and when the notifications page marks something read.
import { can } from '@zvh/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Link, VisuallyHidden } from '../../ui';
import './werkdag.css';

const CHANGED = 'zvh:notifications-changed';
export const refreshNotificationCount = () => window.dispatchEvent(new Event(CHANGED));

export function NotificationsLink() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | undefined>(undefined);
  const [bump, setBump] = useState(0);
  const enabled = !!user && !user.enrolment.required && can(user.roles, 'workday.read');

  useEffect(() => {
    const on = () => setBump((b) => b + 1);
    window.addEventListener(CHANGED, on);
    return () => window.removeEventListener(CHANGED, on);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api
      .get<{ unread: number }>('/api/notifications/unread-count', controller.signal)
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
    return () => controller.abort();
  }, [enabled, pathname, bump]);

  if (!enabled) return null;
  // the visible text is the accessible name: "Meldingen, 3 ongelezen" with the words for screen readers
  return (
    <Link to="/meldingen" className="zvh-notifications-link">
      {t('meldingen.link')}
      {unread ? (
        <>
          <VisuallyHidden>, </VisuallyHidden>
          <span className="zvh-notifications-link__count">{unread}</span>
          <VisuallyHidden> {t('meldingen.unreadWord')}</VisuallyHidden>
        </>
      ) : null}
    </Link>
  );
}
