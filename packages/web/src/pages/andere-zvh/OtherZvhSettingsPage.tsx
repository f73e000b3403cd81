// SPDX-License-Identifier: EUPL-1.2
// Beheer, "Andere ZVH's": switch on "bekend bij een ander ZVH" and transfers, each off by
// default, with the legal ground and the contact other ZVH's get to see.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, CheckboxField, Notice, Paragraph, TextAreaField, TextField } from '../../ui';
import { LoadBoundary, useErrorText } from '../casus/common/forms';
import type { ApiResponse } from '../../api/types';

type Settings = ApiResponse<'getOtherZvhSettings'>;

export default function OtherZvhSettingsPage() {
  const { t } = useTranslation();
  const settings = useApi<Settings>('/api/admin/other-zvh');
  return (
    <Page title={t('andereZvh.settings.title')}>
      <Paragraph>{t('andereZvh.settings.intro')}</Paragraph>
      <LoadBoundary state={settings}>{(s) => <SettingsForm initial={s} onSaved={settings.setData} />}</LoadBoundary>
    </Page>
  );
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form, setForm] = useState(initial);
  const [notice, setNotice] = useState<string>();
  const [errors, setErrors] = useState<{ legalGround?: string; contactEmail?: string }>({});
  useEffect(() => setForm(initial), [initial]);
  const save = useAction((s: Settings) => api.put<Settings>('/api/admin/other-zvh', {
    check: s.check, transfer: s.transfer, legalGround: s.legalGround?.trim() || null, contactEmail: s.contactEmail?.trim() || null, contactPhone: s.contactPhone?.trim() || null,
  }));
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    const found: typeof errors = {};
    const on = form.check || form.transfer;
    if (on && !form.legalGround?.trim()) found.legalGround = t('andereZvh.settings.errors.legalGround');
    if (on && !form.contactEmail?.trim() && !form.contactPhone?.trim()) found.contactEmail = t('andereZvh.settings.errors.contact');
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(found.legalGround ? 'andere-zvh-grondslag' : 'andere-zvh-email')?.focus();
      return;
    }
    const res = await save.run(form);
    if (res.ok) {
      onSaved(res.value);
      setNotice(t('andereZvh.settings.saved'));
    }
  };

  return (
    <form noValidate onSubmit={submit} className="zvh-form">
      <Notice message={notice} />
      {save.error && <Alert type="error" focus>{errorText(save.error)}</Alert>}
      <CheckboxField label={t('andereZvh.settings.check')} description={t('andereZvh.settings.checkHelp')} checked={form.check} onChange={(v) => set('check', v)} />
      <CheckboxField label={t('andereZvh.settings.transfer')} description={t('andereZvh.settings.transferHelp')} checked={form.transfer} onChange={(v) => set('transfer', v)} />
      <TextAreaField id="andere-zvh-grondslag" label={t('andereZvh.settings.legalGround')} description={t('andereZvh.settings.legalGroundHelp')}
        value={form.legalGround ?? ''} onChange={(e) => set('legalGround', e.currentTarget.value)} error={errors.legalGround} rows={3} />
      <TextField id="andere-zvh-email" type="email" label={t('andereZvh.settings.contactEmail')} value={form.contactEmail ?? ''}
        onChange={(e) => set('contactEmail', e.currentTarget.value)} error={errors.contactEmail} optional autoComplete="off" />
      <TextField id="andere-zvh-telefoon" type="tel" label={t('andereZvh.settings.contactPhone')} value={form.contactPhone ?? ''}
        onChange={(e) => set('contactPhone', e.currentTarget.value)} optional autoComplete="off" />
      <Button type="submit" variant="primary" busy={save.pending}>{t('andereZvh.settings.save')}</Button>
    </form>
  );
}
