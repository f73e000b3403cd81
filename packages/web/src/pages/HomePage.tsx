// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthContext';
import { useRoleLabels } from '../layout/useRoleLabels';
import { useFlash } from '../layout/flash';
import { Page } from '../layout/Page';
import { tilesFor } from '../nav/navigation';
import { Notice, Paragraph, TileList } from '../ui';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const roles = useRoleLabels(user.roles);
  const flash = useFlash();
  const tiles = tilesFor(user.roles).map((item) => ({
    to: item.path,
    title: t(`nav.${item.label}`),
    description: item.description ? t(`nav.${item.description}`) : undefined,
  }));

  return (
    <Page title={t('home.welcome', { name: user.name })}>
      <Notice message={flash === 'passwordChanged' ? t('password.changed') : undefined} />
      <Paragraph lead>{t('home.intro', { organisation: user.organisation.name, roles: roles || t('home.noRole') })}</Paragraph>
      {user.municipality && <Paragraph>{t('home.municipality', { name: user.municipality.name })}</Paragraph>}
      <TileList tiles={tiles} />
    </Page>
  );
}
