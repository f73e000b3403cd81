// SPDX-License-Identifier: EUPL-1.2
// The advice of an advice case on the case page: question, advice given, time spent, follow-up.
import { useState } from 'react';
import { useApi } from '../../../api/useApi';
import { Button, Paragraph } from '../../../ui';
import { FollowUpDialog, FollowUpText, RecordAdviceDialog } from '../../signalen/advice';
import { useSignalT } from '../../signalen/texts';
import type { AdviceRecord } from '../../signalen/types';
import { Details, LoadBoundary, MultiLine } from '../common/forms';
import type { CaseTabProps } from './props';

export function AdviceTab({ c, notify, reload }: CaseTabProps) {
  const t = useSignalT();
  const advice = useApi<AdviceRecord>(`/api/cases/${c.id}/advice`);
  const [dialog, setDialog] = useState<'advice' | 'followUp' | null>(null);
  const canRecord = c.permissions.manage || c.permissions.contribute;
  return (
    <LoadBoundary state={advice}>
      {(a) => (
        <>
          <Details items={[
            { label: t('question'), value: <MultiLine text={a.question} /> },
            { label: t('adviceGiven'), value: a.advice ? <MultiLine text={a.advice} /> : '—' },
            { label: t('minutesSpent'), value: String(a.minutesSpent) },
            { label: t('followUp'), value: <FollowUpText record={a} /> },
          ]} />
          {a.status === 'advies' && canRecord && (
            <div className="zvh-toolbar">
              <Button onClick={() => setDialog('advice')}>{t('recordAdvice')}</Button>
              <Button onClick={() => setDialog('followUp')}>{t('recordFollowUp')}</Button>
            </div>
          )}
          {a.status !== 'advies' && !a.followUp && <Paragraph>{t('followUpNone')}</Paragraph>}
          {dialog === 'advice' && <RecordAdviceDialog record={a} onClose={() => setDialog(null)} onDone={(r) => { setDialog(null); advice.setData(r); notify(t('saved')); }} />}
          {dialog === 'followUp' && <FollowUpDialog record={a} onClose={() => setDialog(null)} onDone={() => { setDialog(null); notify(t('followUpDone')); advice.reload(); reload(); }} />}
        </>
      )}
    </LoadBoundary>
  );
}
