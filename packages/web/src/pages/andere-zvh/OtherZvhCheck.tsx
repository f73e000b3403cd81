// SPDX-License-Identifier: EUPL-1.2
// "Bekend bij een ander ZVH?": a button on the person page and during triage. The answer is only
// the other ZVH's name and contact; the question is logged in both ZVH's.
import { can } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Alert, Button, Paragraph, Section } from '../../ui';
import { useErrorText } from '../casus/common/forms';
import type { ApiResponse } from '../../api/types';

export type OtherZvhStatus = ApiResponse<'getOtherZvhStatus'>;
type CheckResult = ApiResponse<'checkOtherZvh'>;

export function useOtherZvhStatus(enabled: boolean) {
  return useApi<OtherZvhStatus>(enabled ? '/api/other-zvh/status' : null);
}

export function OtherZvhCheck({ personId, hasBsn, level = 2 }: { personId: string; hasBsn: boolean; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.roles, 'person.checkOtherZvh');
  const status = useOtherZvhStatus(allowed);
  const errorText = useErrorText();
  const [result, setResult] = useState<CheckResult | null>(null);
  const check = useAction(() => api.post<CheckResult>(`/api/persons/${encodeURIComponent(personId)}/other-zvh-check`));
  if (!allowed || !status.data?.check) return null;

  const run = async () => {
    const res = await check.run();
    if (res.ok) setResult(res.value);
  };

  return (
    <Section title={t('andereZvh.check.title')} level={level}>
      <Paragraph>{hasBsn ? t('andereZvh.check.intro') : t('andereZvh.check.noBsn')}</Paragraph>
      {hasBsn && (
        <Button onClick={run} busy={check.pending}>
          {t('andereZvh.check.button')}
        </Button>
      )}
      <div aria-live="polite">
        {result && result.matches.length === 0 && <Paragraph>{t('andereZvh.check.none')}</Paragraph>}
        {result && result.matches.length > 0 && (
          <Alert type="info" title={t('andereZvh.check.found', { count: result.matches.length })} titleLevel={level === 2 ? 3 : 4}>
            <ul>
              {result.matches.map((m) => (
                <li key={m.name}>
                  <strong>{m.name}</strong>
                  {m.contactEmail && <> — <a href={`mailto:${m.contactEmail}`}>{m.contactEmail}</a></>}
                  {m.contactPhone && <> — {t('andereZvh.check.phone')} {m.contactPhone}</>}
                </li>
              ))}
            </ul>
            <Paragraph>{t('andereZvh.check.onlyContact')}</Paragraph>
          </Alert>
        )}
      </div>
      {check.error && (
        <Alert type="error" focus>
          {errorText(check.error)}
        </Alert>
      )}
    </Section>
  );
}
