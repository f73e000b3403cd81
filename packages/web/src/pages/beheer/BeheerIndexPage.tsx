// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { BEHEER_ITEMS, navFor } from '../../nav/navigation';
import { Paragraph, TileList } from '../../ui';

/** The Beheer overview: the reference data and the users the beheerder maintains. */
export default function BeheerIndexPage() {
  const { t } = useTranslation();
  const user = useUser();
  const tiles = navFor(user.roles, BEHEER_ITEMS).map((item) => ({
    to: item.path,
    title: t(`nav.${item.label}`),
    description: item.description ? t(`nav.${item.description}`) : undefined,
  }));
  return (
    <Page title={t('beheer.title')}>
      <Paragraph lead>{t('beheer.intro')}</Paragraph>
      <TileList tiles={tiles} />
    </Page>
  );
}
