// SPDX-License-Identifier: EUPL-1.2
// The start page. For whoever holds workday.read (procesregisseur, informatiemakelaar, partner
// professional) it is their working day (WerkdagView); the others keep the tiles of their pages.
import { can } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthContext';
import { useRoleLabels } from '../layout/useRoleLabels';
import { useFlash } from '../layout/flash';
import { Page } from '../layout/Page';
import { tilesFor } from '../nav/navigation';
import { Notice, Paragraph, TileList } from '../ui';
import { formatDate, todayIso } from './casus/common/format';
import { WerkdagView } from './werkdag/WerkdagView';
import { OpenApprovals } from './privacy/ApprovalsPage';
import { OpenForwards } from './privacy/ForwardsPage';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const roles = useRoleLabels(user.roles);
  const flash = useFlash();
  const notice = <Notice message={flash === 'passwordChanged' ? t('password.changed') : flash === 'enrolmentDone' ? t('enrolment.done') : undefined} />;
  // four eyes and forwarded data-subject requests wait on the start page of whoever handles them
  const waiting = (
    <>
      {can(user.roles, 'approval.decide') && <OpenApprovals />}
      {can(user.roles, 'dataSubjectRequest.handle') && <OpenForwards />}
    </>
  );

  if (can(user.roles, 'workday.read')) {
    return (
      <Page title={t('werkdag.title')}>
        {notice}
        <Paragraph lead>
          <span className="zvh-werkdag-date">{t('werkdag.today', { date: formatDate(todayIso()) })}</span> {t('werkdag.intro', { organisation: user.organisation.name })}
        </Paragraph>
        {waiting}
        <WerkdagView />
      </Page>
    );
  }

  const tiles = tilesFor(user.roles).map((item) => ({
    to: item.path,
    title: t(`nav.${item.label}`),
    description: item.description ? t(`nav.${item.description}`) : undefined,
  }));
  return (
    <Page title={t('home.welcome', { name: user.name })}>
      {notice}
      <Paragraph lead>{t('home.intro', { organisation: user.organisation.name, roles: roles || t('home.noRole') })}</Paragraph>
      {user.municipality && <Paragraph>{t('home.municipality', { name: user.municipality.name })}</Paragraph>}
      {waiting}
      <TileList tiles={tiles} />
    </Page>
  );
}
