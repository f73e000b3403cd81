// SPDX-License-Identifier: EUPL-1.2
// Overdrachten (procesregisseur of the receiving ZVH): cases other ZVH's offer, with only the
// person, the purpose and the reason; accept (choosing the municipality the person now lives in)
// or refuse, each with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, DataTable, FormDialog, Link, Notice, Paragraph, SelectField, TextAreaField } from '../../ui';
import { LoadBoundary, useErrorText } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference } from '../casus/common/reference';
import type { ApiResponse } from '../../api/types';

type Incoming = ApiResponse<'listIncomingTransfers'>[number];

export default function IncomingTransfersPage() {
  const { t } = useTranslation();
  const list = useApi<Incoming[]>('/api/transfers/incoming');
  const reference = useReference();
  const errorText = useErrorText();
  const [notice, setNotice] = useState<string>();
  const [deciding, setDeciding] = useState<{ item: Incoming; accept: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; municipality?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const decide = useAction((id: string, body: Record<string, unknown>) => api.post<{ status: string; receivedCaseId: string | null }>(`/api/transfers/${id}/decision`, body));
  const name = (x: Incoming) => `${x.firstName} ${x.lastName}`;

  const openDecision = (item: Incoming, accept: boolean) => {
    decide.reset();
    setReason('');
    setMunicipality('');
    setErrors({});
    setDeciding({ item, accept });
  };

  const submit = async () => {
    if (!deciding) return;
    const found: typeof errors = {};
    if (!reason.trim()) found.reason = t('andereZvh.incoming.errors.reason');
    if (deciding.accept && !municipality) found.municipality = t('andereZvh.incoming.errors.municipality');
    setErrors(found);
    if (Object.keys(found).length) {
      setAttempt((a) => a + 1);
      return;
    }
    const res = await decide.run(deciding.item.id, { accept: deciding.accept, reason: reason.trim(), ...(deciding.accept ? { municipality } : {}) });
    if (res.ok) {
      setNotice(t(deciding.accept ? 'andereZvh.incoming.accepted' : 'andereZvh.incoming.refused', { name: name(deciding.item) }));
      setDeciding(null);
      list.reload();
    }
  };

  return (
    <Page title={t('andereZvh.incoming.title')}>
      <Notice message={notice} />
      <Paragraph>{t('andereZvh.incoming.intro')}</Paragraph>
      <LoadBoundary state={list}>
        {(items) => (
          <DataTable
            caption={t('andereZvh.incoming.caption')}
            columns={[
              { key: 'person', rowHeader: true, header: t('andereZvh.incoming.person'), cell: (x: Incoming) => `${name(x)}${x.birthDate ? ` (${formatDate(x.birthDate)})` : ''}` },
              { key: 'from', header: t('andereZvh.incoming.from'), cell: (x: Incoming) => x.fromName },
              { key: 'purpose', header: t('andereZvh.incoming.purpose'), cell: (x: Incoming) => x.purpose },
              { key: 'reason', header: t('andereZvh.incoming.reason'), cell: (x: Incoming) => x.reason },
              { key: 'status', header: t('andereZvh.transfer.status'), cell: (x: Incoming) => t(`andereZvh.status.${x.status as 'aangeboden'}`) },
              {
                key: 'actions', header: t('andereZvh.incoming.actions'), hiddenHeader: true,
                cell: (x: Incoming) => x.status === 'aangeboden' ? (
                  <ButtonGroup>
                    <Button variant="primary" onClick={() => openDecision(x, true)} aria-label={t('andereZvh.incoming.acceptFor', { name: name(x) })}>{t('andereZvh.incoming.accept')}</Button>
                    <Button onClick={() => openDecision(x, false)} aria-label={t('andereZvh.incoming.refuseFor', { name: name(x) })}>{t('andereZvh.incoming.refuse')}</Button>
                  </ButtonGroup>
                ) : x.receivedCaseId ? <Link to={`/casussen/${x.receivedCaseId}`}>{t('andereZvh.incoming.toCase')}</Link> : (x.decisionReason ?? '—'),
              },
            ]}
            rows={items}
            rowKey={(x) => x.id}
            emptyMessage={t('andereZvh.incoming.none')}
          />
        )}
      </LoadBoundary>
      <FormDialog
        open={deciding !== null}
        title={deciding ? t(deciding.accept ? 'andereZvh.incoming.acceptTitle' : 'andereZvh.incoming.refuseTitle', { name: name(deciding.item) }) : ''}
        onClose={() => setDeciding(null)}
        submitLabel={deciding?.accept ? t('andereZvh.incoming.accept') : t('andereZvh.incoming.refuse')}
        busy={decide.pending}
        onSubmit={submit}
        invalidAttempt={attempt}
        message={decide.error && <Alert type="error">{errorText(decide.error)}</Alert>}
      >
        {deciding?.accept && reference.data && (
          <SelectField
            id="overdracht-gemeente"
            label={t('andereZvh.incoming.municipality')}
            description={t('andereZvh.incoming.municipalityHelp')}
            placeholder={t('andereZvh.transfer.choose')}
            options={labelsFor(reference.data).municipalities()}
            value={municipality}
            onChange={(e) => setMunicipality(e.currentTarget.value)}
            error={errors.municipality}
            required
          />
        )}
        <TextAreaField
          id="overdracht-besluit-reden"
          label={t('andereZvh.incoming.decisionReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          required
        />
      </FormDialog>
    </Page>
  );
}
