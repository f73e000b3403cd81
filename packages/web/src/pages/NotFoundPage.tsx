// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { Page } from '../layout/Page';
import { Link, Paragraph } from '../ui';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <Paragraph>{t('notFound.message')}</Paragraph>
      <Paragraph>
        <Link to="/">{t('notFound.toStart')}</Link>
      </Paragraph>
    </Page>
  );
}
