// SPDX-License-Identifier: EUPL-1.2
// Plan van aanpak: the joint analysis per life domain (problem, risk, protective factors) and the
// goals. The regisseur edits and saves it with the case version; someone else's newer save is
// reported instead of overwritten.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { Button, ButtonGroup, CheckboxField, EmptyState, Heading, Paragraph, Section, SelectField, TextAreaField, TextField } from '../../../ui';
import { Details, ErrorSummary, FormSection, MultiLine, StaleVersionAlert, focusField, mapServerErrors, useErrorText } from '../common/forms';
import type { AnalysisItem, Plan } from '../common/types';
import type { CaseTabProps } from './props';
import { can } from '@zvh/shared';
import { useUser } from '../../../auth/AuthContext';
import { ZrmSection } from '../common/ZrmSection';

interface GoalRow {
  key: number;
  text: string;
  achieved: boolean;
}

export function PlanTab(props: CaseTabProps) {
  const { t } = useTranslation();
  return (
    <>
      <Heading level={2}>{t('casus.tabs.plan')}</Heading>
      <Paragraph>{t('casus.plan.intro')}</Paragraph>
      {props.c.permissions.manage ? <PlanForm {...props} /> : <PlanView {...props} />}
      <OutcomeScores {...props} />
    </>
  );
}

/** ZRM and safety risk at the start (and, once the case is closed, at closure): the procesregisseur's only. */
function OutcomeScores({ c, labels, notify, zvh }: CaseTabProps) {
  const user = useUser();
  if (!zvh || !can(user.roles, 'case.direct') || c.kind !== 'procesregie') return null;
  return (
    <>
      <ZrmSection caseId={c.id} moment="start" labels={labels} editable={c.permissions.manage} notify={notify} />
      {c.status === 'afgesloten' && <ZrmSection caseId={c.id} moment="afsluiting" labels={labels} editable notify={notify} />}
    </>
  );
}

function PlanView({ c, labels }: CaseTabProps) {
  const { t } = useTranslation();
  // a case taken over from another ZVH without a plan has neither list
  const plan = { analysis: c.plan.analysis ?? [], goals: c.plan.goals ?? [] };
  if (plan.analysis.length === 0 && plan.goals.length === 0) return <EmptyState>{t('casus.plan.empty')}</EmptyState>;
  return (
    <>
      <Section title={t('casus.plan.analysisTitle')} level={3}>
        {plan.analysis.length === 0 && <Paragraph>{t('casus.plan.noAnalysis')}</Paragraph>}
        {plan.analysis.map((a) => (
          <div key={a.domain}>
            <Heading level={4}>{labels.code('problemArea', a.domain)}</Heading>
            <Details
              items={[
                { label: t('casus.plan.fields.problem'), value: <MultiLine text={a.problem} /> },
                { label: t('casus.plan.fields.risk'), value: <MultiLine text={a.risk} /> },
                { label: t('casus.plan.fields.protective'), value: <MultiLine text={a.protective} /> },
              ]}
            />
          </div>
        ))}
      </Section>
      <Section title={t('casus.plan.goalsTitle')} level={3}>
        {plan.goals.length === 0 ? (
          <Paragraph>{t('casus.plan.noGoals')}</Paragraph>
        ) : (
          <ol>
            {plan.goals.map((g, i) => (
              <li key={i}>
                {g.text} <strong>({g.achieved ? t('casus.plan.achieved') : t('casus.plan.notAchieved')})</strong>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}

function PlanForm({ c, labels, reload, notify }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nextKey = useRef(1);
  const toRows = (plan: Plan | null) => ({
    analysis: (plan?.analysis ?? []).map((a) => ({ domain: a.domain, problem: a.problem ?? '', risk: a.risk ?? '', protective: a.protective ?? '' })),
    goals: (plan?.goals ?? []).map((g) => ({ key: nextKey.current++, text: g.text, achieved: Boolean(g.achieved) })),
  });
  const [analysis, setAnalysis] = useState<Required<AnalysisItem>[]>(() => toRows(c.plan).analysis);
  const [goals, setGoals] = useState<GoalRow[]>(() => toRows(c.plan).goals);
  const [dirty, setDirty] = useState(false);
  const [newDomain, setNewDomain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const focusNext = useRef<string | null>(null);
  const addGoalButton = useRef<HTMLButtonElement>(null);
  const save = useAction((body: unknown) => request<{ version: number }>(`/api/cases/${c.id}/plan`, { method: 'PUT', body }));

  // a newer version of the case (after our save, or a reload): show it unless the user is editing
  useEffect(() => {
    if (dirty) return;
    const rows = toRows(c.plan);
    setAnalysis(rows.analysis);
    setGoals(rows.goals);
    // only a new version replaces the form; edits in progress (dirty) are kept
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c.version]);

  useEffect(() => {
    if (focusNext.current) {
      focusField(focusNext.current);
      focusNext.current = null;
    }
  });

  const change = () => {
    setDirty(true);
    setStale(false);
  };
  const setDomain = (domain: string, key: 'problem' | 'risk' | 'protective', value: string) => {
    change();
    setAnalysis((list) => list.map((a) => (a.domain === domain ? { ...a, [key]: value } : a)));
  };
  const usedDomains = analysis.map((a) => a.domain);
  const domainOptions = labels.options('problemArea').filter((o) => !usedDomains.includes(o.value));

  const addDomain = () => {
    if (!newDomain) {
      setErrors({ newDomain: t('casus.plan.errors.domain') });
      setAttempt((a) => a + 1);
      return;
    }
    change();
    setErrors({});
    setAnalysis((list) => [...list, { domain: newDomain, problem: '', risk: '', protective: '' }]);
    focusNext.current = `plan-${newDomain}-problem`;
    setNewDomain('');
  };
  const removeDomain = (domain: string) => {
    change();
    setAnalysis((list) => list.filter((a) => a.domain !== domain));
    focusNext.current = 'plan-new-domain';
  };
  const addGoal = () => {
    change();
    const key = nextKey.current++;
    setGoals((list) => [...list, { key, text: '', achieved: false }]);
    focusNext.current = `plan-goal-${key}`;
  };
  const removeGoal = (key: number) => {
    change();
    setGoals((list) => list.filter((g) => g.key !== key));
    addGoalButton.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    goals.forEach((g, i) => {
      if (!g.text.trim()) found[`goal-${g.key}`] = t('casus.plan.errors.goal', { n: i + 1 });
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    const trimmed = (s: string) => (s.trim() ? s.trim() : undefined);
    const body = {
      analysis: analysis.map((a) => ({ domain: a.domain, problem: trimmed(a.problem), risk: trimmed(a.risk), protective: trimmed(a.protective) })),
      goals: goals.map((g) => ({ text: g.text.trim(), achieved: g.achieved })),
      version: c.version,
    };
    const res = await save.run(body);
    if (res.ok) {
      setDirty(false);
      notify(t('casus.plan.saved'));
      reload();
    } else if (res.error?.code === 'stale_version') {
      setStale(true);
    } else {
      const mapped = mapServerErrors(res.error, []);
      setErrors(mapped);
    }
  };

  const summary = Object.entries(errors)
    .filter(([k]) => k)
    .map(([k, m]) => ({ id: k === 'newDomain' ? 'plan-new-domain' : `plan-${k}`, label: k === 'newDomain' ? t('casus.plan.addDomainLabel') : t('casus.plan.goalsTitle'), message: m }));

  return (
    <form noValidate onSubmit={submit} className="zvh-cf-form">
      {stale && (
        <StaleVersionAlert
          attempt={attempt}
          onReload={() => {
            setDirty(false);
            setStale(false);
            reload();
          }}
        />
      )}
      <ErrorSummary
        attempt={attempt}
        errors={summary}
        message={save.error && !stale && save.error.fieldErrors.length === 0 ? errorText(save.error) : errors[''] ? errors[''] : undefined}
      />
      <FormSection legend={t('casus.plan.analysisTitle')} description={t('casus.plan.analysisIntro')} level={3}>
        {analysis.length === 0 && <Paragraph>{t('casus.plan.noAnalysis')}</Paragraph>}
        {analysis.map((a) => {
          const label = labels.code('problemArea', a.domain);
          return (
            <div key={a.domain} className="zvh-cf-row">
              <FormSection legend={label} level={4}>
                <TextAreaField
                  id={`plan-${a.domain}-problem`}
                  label={t('casus.plan.fields.problem')}
                  value={a.problem}
                  onChange={(e) => setDomain(a.domain, 'problem', e.currentTarget.value)}
                  rows={3}
                  maxLength={3000}
                  optional
                />
                <TextAreaField
                  id={`plan-${a.domain}-risk`}
                  label={t('casus.plan.fields.risk')}
                  value={a.risk}
                  onChange={(e) => setDomain(a.domain, 'risk', e.currentTarget.value)}
                  rows={3}
                  maxLength={3000}
                  optional
                />
                <TextAreaField
                  id={`plan-${a.domain}-protective`}
                  label={t('casus.plan.fields.protective')}
                  value={a.protective}
                  onChange={(e) => setDomain(a.domain, 'protective', e.currentTarget.value)}
                  rows={3}
                  maxLength={3000}
                  optional
                />
                <Button onClick={() => removeDomain(a.domain)}>{t('casus.plan.removeDomain', { domain: label })}</Button>
              </FormSection>
            </div>
          );
        })}
        {domainOptions.length > 0 && (
          <div className="zvh-cf-filter">
            <SelectField
              id="plan-new-domain"
              label={t('casus.plan.addDomainLabel')}
              placeholder={t('common.choose')}
              options={domainOptions}
              value={newDomain}
              onChange={(e) => setNewDomain(e.currentTarget.value)}
              error={errors.newDomain}
            />
            <ButtonGroup>
              <Button onClick={addDomain}>{t('casus.plan.addDomain')}</Button>
            </ButtonGroup>
          </div>
        )}
      </FormSection>
      <FormSection legend={t('casus.plan.goalsTitle')} description={t('casus.plan.goalsIntro')} level={3}>
        {goals.length === 0 && <Paragraph>{t('casus.plan.noGoals')}</Paragraph>}
        {goals.map((g, i) => (
          <div key={g.key} className="zvh-cf-row">
            <TextField
              id={`plan-goal-${g.key}`}
              label={t('casus.plan.goal', { n: i + 1 })}
              value={g.text}
              onChange={(e) => {
                const v = e.currentTarget.value;
                change();
                setGoals((list) => list.map((x) => (x.key === g.key ? { ...x, text: v } : x)));
              }}
              error={errors[`goal-${g.key}`]}
              maxLength={1000}
              required
            />
            <CheckboxField
              label={t('casus.plan.achievedLabel', { n: i + 1 })}
              checked={g.achieved}
              onChange={(on) => {
                change();
                setGoals((list) => list.map((x) => (x.key === g.key ? { ...x, achieved: on } : x)));
              }}
            />
            <Button onClick={() => removeGoal(g.key)}>{t('casus.plan.removeGoal', { n: i + 1 })}</Button>
          </div>
        ))}
        <Button ref={addGoalButton} onClick={addGoal}>
          {t('casus.plan.addGoal')}
        </Button>
      </FormSection>
      <ButtonGroup>
        <Button type="submit" variant="primary" busy={save.pending}>
          {t('casus.plan.save')}
        </Button>
      </ButtonGroup>
      {dirty && <Paragraph className="zvh-cf-muted">{t('casus.plan.unsaved')}</Paragraph>}
    </form>
  );
}
