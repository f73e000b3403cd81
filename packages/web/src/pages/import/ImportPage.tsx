// SPDX-License-Identifier: EUPL-1.2
// Import: upload an existing caseload (import format v1, NDJSON) to POST /api/import/cases, with
// upload progress, then "bezig met verwerken", then the summary and the rejected lines.
// Manager and beheerder.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, CheckboxField, DataList, DataTable, Paragraph, Section, type Column } from '../../ui';
import { useImportT } from './texts';
import { announcedPercent, formatBytes, percentOf, uploadImport, type ImportSummary, type RejectedLine } from './upload';

type Phase = 'idle' | 'uploading' | 'processing' | 'done' | 'error';

export default function ImportPage() {
  const t = useImportT();
  const { t: tm, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'nl-NL';
  const num = (n: number) => n.toLocaleString(locale);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const fileInput = useRef<HTMLInputElement>(null);

  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [dryRun, setDryRun] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState({ loaded: 0, total: 0 });
  const [result, setResult] = useState<ImportSummary>();
  const [error, setError] = useState<ApiError>();
  const busy = phase === 'uploading' || phase === 'processing';

  // leaving the page stops the upload half-way: ask first
  useEffect(() => {
    if (!busy) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError(t('fileRequired'));
      fileInput.current?.focus();
      return;
    }
    setFileError(undefined);
    setResult(undefined);
    setError(undefined);
    setProgress({ loaded: 0, total: file.size });
    setPhase('uploading');
    try {
      const summary = await uploadImport(file, dryRun, {
        onProgress: (loaded, total) => setProgress({ loaded, total }),
        onUploaded: () => setPhase('processing'),
      });
      setResult(summary);
      setPhase('done');
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', err instanceof Error ? err.message : String(err)));
      setPhase('error');
    }
  }

  const percent = percentOf(progress.loaded, progress.total);
  const status = phase === 'uploading' ? t('uploading', { percent: announcedPercent(percent) }) : phase === 'processing' ? t('processing') : '';

  const rejectedCount = result ? result.rejectedCount ?? result.rejected.length : 0;
  const columns: Column<RejectedLine>[] = [
    { key: 'line', header: t('line'), cell: (r) => num(r.line), rowHeader: true, align: 'end' },
    { key: 'error', header: t('error'), cell: (r) => r.error },
  ];

  const errorText = (err: ApiError) => {
    const atLine = (err.details as { atLine?: unknown } | undefined)?.atLine;
    if (err.code === 'import_aborted' && typeof atLine === 'number') return t('aborted', { line: num(atLine) });
    return errorMessage(tm, err);
  };

  return (
    <Page title={t('title')}>
      <Paragraph lead>{t('intro')}</Paragraph>
      <Paragraph>{t('idempotent')}</Paragraph>

      <form onSubmit={submit} noValidate>
        <div className={`utrecht-form-field utrecht-form-field--text${fileError ? ' utrecht-form-field--invalid' : ''}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={`${ids}-file`}>{t('file')}</label>
          </div>
          <div className="utrecht-form-field-description" id={`${ids}-file-omschrijving`}>{t('fileDescription')}</div>
          {fileError && (
            <div className="utrecht-form-field-error-message" id={`${ids}-file-fout`}>{fileError}</div>
          )}
          <div className="utrecht-form-field__input">
            <input
              ref={fileInput}
              id={`${ids}-file`}
              type="file"
              accept=".ndjson,.jsonl,.json,.txt,application/x-ndjson"
              aria-describedby={`${ids}-file-omschrijving${fileError ? ` ${ids}-file-fout` : ''}`}
              aria-invalid={fileError ? true : undefined}
              disabled={busy}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setFileError(undefined);
              }}
            />
          </div>
          {file && <Paragraph>{t('fileChosen', { name: file.name, size: formatBytes(file.size, locale) })}</Paragraph>}
        </div>
        <CheckboxField label={t('dryRun')} description={t('dryRunDescription')} checked={dryRun} onChange={setDryRun} disabled={busy} />
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={busy} aria-disabled={busy || undefined}>
            {dryRun ? t('submitDryRun') : t('submit')}
          </Button>
        </ButtonGroup>
      </form>

      {/* always present, so screen readers announce each change of the status */}
      <div role="status" aria-live="polite" aria-atomic="true" className="zvh-import-status">
        {status && <Paragraph>{status}</Paragraph>}
      </div>
      {phase === 'uploading' && (
        <div>
          <progress max={progress.total || 1} value={progress.loaded} aria-label={t('uploadProgress')} style={{ width: '100%' }} />
          <Paragraph>{t('uploadingDetail', { loaded: formatBytes(progress.loaded, locale), total: formatBytes(progress.total, locale) })}</Paragraph>
        </div>
      )}
      {phase === 'processing' && (
        <div>
          <progress aria-label={t('processing')} style={{ width: '100%' }} />
          <Paragraph>{t('processingDetail')}</Paragraph>
        </div>
      )}

      {phase === 'error' && error && (
        <Alert type="error" title={t('failedTitle')} focus>
          {errorText(error)}
        </Alert>
      )}

      {phase === 'done' && result && (
        <>
          <Alert type={rejectedCount > 0 ? 'warning' : 'ok'} title={result.dryRun ? t('doneDryRunTitle') : t('doneTitle')} focus>
            <Paragraph>{t('doneSummary', { imported: num(result.imported), updated: num(result.updated), rejected: num(rejectedCount) })}</Paragraph>
            <Paragraph>{rejectedCount > 0 ? t('doneSomeRejected') : t('doneAllGood')}</Paragraph>
          </Alert>
          <Section title={t('summary')}>
            <DataList
              items={[
                ...(result.lines !== undefined ? [{ key: 'lines', label: t('lines'), value: num(result.lines) }] : []),
                { key: 'imported', label: t('imported'), value: num(result.imported) },
                { key: 'updated', label: t('updated'), value: num(result.updated) },
                { key: 'rejected', label: t('rejected'), value: num(rejectedCount) },
                ...(result.durationMs !== undefined
                  ? [{ key: 'duration', label: t('duration'), value: t('seconds', { seconds: (result.durationMs / 1000).toLocaleString(locale, { maximumFractionDigits: 1 }) }) }]
                  : []),
              ]}
            />
          </Section>
          <Section title={t('rejectedTitle')}>
            {rejectedCount > result.rejected.length && (
              <Paragraph>{t('rejectedTruncated', { shown: num(result.rejected.length), total: num(rejectedCount) })}</Paragraph>
            )}
            <DataTable caption={t('rejectedCaption')} columns={columns} rows={result.rejected} rowKey={(r) => r.line} emptyMessage={t('noneRejected')} />
          </Section>
        </>
      )}
    </Page>
  );
}
