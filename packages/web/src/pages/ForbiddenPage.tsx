// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { Page } from '../layout/Page';
import { Link, Paragraph } from '../ui';

/** A signed-in user opened a page their roles do not allow. */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('forbidden.title')}>
      <Paragraph>{t('forbidden.message')}</Paragraph>
      <Paragraph>
        <Link to="/">{t('notFound.toStart')}</Link>
      </Paragraph>
    </Page>
  );
}
