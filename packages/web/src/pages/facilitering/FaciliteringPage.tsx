// SPDX-License-Identifier: EUPL-1.2
// Gefaciliteerde overleggen: the three kinds of records the user works with.
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Paragraph, TileList } from '../../ui';
import { kindsFor } from './common';
import { useFacilT } from './texts';

export default function FaciliteringPage() {
  const t = useFacilT();
  const kinds = kindsFor(useUser());
  const tiles = kinds.map((k) => ({ to: `/facilitering/${k}`, title: t(k), description: t(`${k}Description`) }));
  return (
    <Page title={t('title')}>
      <Paragraph>{t('intro')}</Paragraph>
      {tiles.length ? <TileList tiles={tiles} /> : <Paragraph>{t('noneForYou')}</Paragraph>}
    </Page>
  );
}
