// SPDX-License-Identifier: EUPL-1.2
// Case page, tab "Overdragen" (procesregisseur): offer the case to another ZVH of the
// installation when the person moves, follow the answer, or download it as a file for a ZVH
// outside the installation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Alert, Button, ButtonGroup, DataTable, FormDialog, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { LoadBoundary, useErrorText } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import type { CaseTabProps } from '../casus/tabs/props';
import type { ApiResponse } from '../../api/types';

type Outgoing = ApiResponse<'listCaseTransfers'>[number];
type Target = ApiResponse<'listTransferTargets'>[number];

export function TransferTab({ c, reload, notify }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const transfers = useApi<Outgoing[]>(`/api/cases/${c.id}/transfers`);
  const targets = useApi<Target[]>('/api/other-zvh/targets');
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ to?: string; reason?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const offer = useAction(() => api.post<Outgoing>(`/api/cases/${c.id}/transfers`, { toTenant: to, reason: reason.trim() }));
  const pending = transfers.data?.some((x) => x.status === 'aangeboden');

  const submit = async () => {
    const found: typeof errors = {};
    if (!to) found.to = t('andereZvh.transfer.errors.to');
    if (!reason.trim()) found.reason = t('andereZvh.transfer.errors.reason');
    setErrors(found);
    if (Object.keys(found).length) {
      setAttempt((a) => a + 1);
      return;
    }
    const res = await offer.run();
    if (res.ok) {
      setOpen(false);
      setReason('');
      notify(t('andereZvh.transfer.offered', { name: res.value.toName }));
      transfers.reload();
      reload();
    }
  };

  return (
    <Section title={t('andereZvh.transfer.title')}>
      <Paragraph>{t('andereZvh.transfer.intro')}</Paragraph>
      <LoadBoundary state={transfers}>
        {(list) => (
          <DataTable
            caption={t('andereZvh.transfer.caption')}
            columns={[
              { key: 'to', rowHeader: true, header: t('andereZvh.transfer.to'), cell: (x: Outgoing) => x.toName },
              { key: 'offeredAt', header: t('andereZvh.transfer.offeredAt'), cell: (x: Outgoing) => formatDate(x.offeredAt.slice(0, 10)) },
              { key: 'reason', header: t('andereZvh.transfer.reason'), cell: (x: Outgoing) => x.reason },
              { key: 'status', header: t('andereZvh.transfer.status'), cell: (x: Outgoing) => t(`andereZvh.status.${x.status as 'aangeboden'}`) },
              { key: 'answer', header: t('andereZvh.transfer.answer'), cell: (x: Outgoing) => x.decisionReason ?? '—' },
            ]}
            rows={list}
            rowKey={(x) => x.id}
            emptyMessage={t('andereZvh.transfer.none')}
          />
        )}
      </LoadBoundary>
      <ButtonGroup>
        {targets.data && targets.data.length > 0 && !pending && (
          <Button variant="primary" onClick={() => { offer.reset(); setOpen(true); }}>
            {t('andereZvh.transfer.offer')}
          </Button>
        )}
        <a className="utrecht-button utrecht-button--secondary-action" href={`/api/cases/${c.id}/transfer-export`} download>
          {t('andereZvh.transfer.export')}
        </a>
      </ButtonGroup>
      {targets.error && <Paragraph>{errorText(targets.error)}</Paragraph>}
      {targets.data && targets.data.length === 0 && <Paragraph>{t('andereZvh.transfer.noTargets')}</Paragraph>}
      <FormDialog
        open={open}
        title={t('andereZvh.transfer.dialogTitle')}
        onClose={() => setOpen(false)}
        submitLabel={t('andereZvh.transfer.submit')}
        busy={offer.pending}
        onSubmit={submit}
        invalidAttempt={attempt}
        message={offer.error && <Alert type="error">{errorText(offer.error)}</Alert>}
      >
        <SelectField
          id="overdracht-naar"
          label={t('andereZvh.transfer.to')}
          placeholder={t('andereZvh.transfer.choose')}
          options={(targets.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={errors.to}
          required
        />
        <TextAreaField
          id="overdracht-reden"
          label={t('andereZvh.transfer.reason')}
          description={t('andereZvh.transfer.reasonHelp')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          required
        />
      </FormDialog>
    </Section>
  );
}
