// SPDX-License-Identifier: EUPL-1.2
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAction } from '../../api/useApi';
import { useAuth, useUser } from '../../auth/AuthContext';
import { Alert, Button, ButtonGroup, Code, Paragraph, Section } from '../../ui';

/** The codes, shown once right after they are made. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Alert type="warning" title={t('recovery.shownOnce')}>
      <Paragraph>{t('recovery.keepSafe')}</Paragraph>
      <ul className="zvh-recovery-codes" aria-label={t('recovery.listLabel')}>
        {codes.map((c) => (
          <li key={c}>
            <Code>{c}</Code>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * Recovery codes for the authenticator app: how many are left, and 10 new ones (the old ones stop
 * working). Making new ones needs fresh authentication (the reauth dialog asks when needed).
 */
export function RecoveryCodesSection({ codes: initial }: { codes?: string[] }) {
  const { t } = useTranslation();
  const user = useUser();
  const { refresh } = useAuth();
  const [codes, setCodes] = useState<string[] | undefined>(initial);
  const make = useAction(() => api.post<{ codes: string[] }>('/api/account/recovery-codes', {}));
  if (!user.totpEnabled) return null;

  const onMake = async () => {
    const r = await make.run();
    if (r.ok) {
      setCodes(r.value.codes);
      await refresh().catch(() => undefined);
    }
  };

  return (
    <Section title={t('recovery.title')}>
      <Paragraph>{t('recovery.intro')}</Paragraph>
      <Paragraph>{t('recovery.left', { count: user.recoveryCodesLeft })}</Paragraph>
      {make.error && <Alert type="error">{errorMessage(t, make.error)}</Alert>}
      {codes && <RecoveryCodeList codes={codes} />}
      <ButtonGroup>
        <Button onClick={() => void onMake()} busy={make.pending}>
          {user.recoveryCodesLeft > 0 || codes ? t('recovery.regenerate') : t('recovery.make')}
        </Button>
      </ButtonGroup>
    </Section>
  );
}
