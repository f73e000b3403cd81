// SPDX-License-Identifier: EUPL-1.2
// Documenten: upload (read with FileReader, sent as base64, with progress) and download.
// Every download is written to the processing log by the server.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR, parseError } from '../../../api/client';
import { Button, ButtonGroup, DataTable, Heading, Paragraph, VisuallyHidden, describedBy, fieldIds, type Column } from '../../../ui';
import { ErrorSummary, FormSection, useErrorText } from '../common/forms';
import { formatBytes, formatDateTime } from '../common/format';
import type { CaseDocument } from '../common/types';
import { useUser } from '../../../auth/AuthContext';
import { AudienceFields, audienceBody, audienceErrors, audienceLabel, emptyAudience, type AudienceValue } from '../common/Audience';
import type { CaseTabProps } from './props';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};
const ACCEPT = Object.keys(TYPES).map((e) => `.${e}`).join(',');

type Phase = { step: 'idle' } | { step: 'reading' | 'uploading'; fraction: number };

/** The file's content as base64, reporting how much has been read. */
function readBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** POST JSON with upload progress (fetch cannot report it); errors as ApiError like the api client. */
function postWithProgress<T>(path: string, body: unknown, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'De server is niet bereikbaar'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        parseError(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })).then(reject, reject);
      }
    };
    xhr.send(JSON.stringify(body));
  });
}

export function DocumentsTab({ c, labels, reload, notify, canContribute, zvh }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const me = useUser();
  // chosen on every upload: "alleen ZVH" for ZVH staff, nothing for partners; reset after each upload
  const [audience, setAudience] = useState<AudienceValue>(emptyAudience(zvh));
  const [audienceProblems, setAudienceProblems] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string>();
  const [serverError, setServerError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState('');
  const ids = fieldIds('document-bestand');
  const progressId = useId();
  const busy = phase.step !== 'idle';

  const check = (f: File | null): string | undefined => {
    if (!f) return t('casus.documents.errors.file');
    const ext = f.name.split('.').pop()?.toLowerCase() ?? '';
    if (!TYPES[ext]) return t('casus.documents.errors.type');
    if (f.size === 0) return t('casus.documents.errors.empty');
    if (f.size > MAX_DOCUMENT_BYTES) return t('casus.documents.errors.size', { size: formatBytes(f.size) });
    return undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    setServerError(undefined);
    const problem = check(file);
    setError(problem);
    const wrongAudience = audienceErrors(audience, t);
    setAudienceProblems(wrongAudience);
    if (problem || !file || Object.keys(wrongAudience).length) return;
    const ext = file.name.split('.').pop()!.toLowerCase();
    const mimeType = TYPES[ext]!;
    try {
      setPhase({ step: 'reading', fraction: 0 });
      setStatus(t('casus.documents.reading', { name: file.name }));
      const contentBase64 = await readBase64(file, (fraction) => setPhase({ step: 'reading', fraction }));
      setPhase({ step: 'uploading', fraction: 0 });
      setStatus(t('casus.documents.uploading', { name: file.name }));
      await postWithProgress(`/api/cases/${c.id}/documents`, { filename: file.name, mimeType, contentBase64, ...audienceBody(audience) }, (fraction) =>
        setPhase({ step: 'uploading', fraction }),
      );
      setPhase({ step: 'idle' });
      setStatus('');
      notify(t('casus.documents.added', { name: file.name }));
      setFile(null);
      setAudience(emptyAudience(zvh));
      if (input.current) input.current.value = '';
      reload();
    } catch (err) {
      setPhase({ step: 'idle' });
      setStatus('');
      if (err instanceof ApiError) {
        const field = err.fieldErrors[0];
        setServerError(field ? field.message : errorText(err));
      } else setServerError(t('casus.documents.errors.read'));
    }
  };

  const columns: Column<CaseDocument>[] = [
    {
      key: 'name',
      header: t('casus.documents.fields.file'),
      rowHeader: true,
      cell: (d) => (
        <a className="nl-link rhc-link" href={`/api/documents/${d.id}/content`} download={d.filename}>
          {d.filename}
          <VisuallyHidden> ({t('casus.documents.download', { size: formatBytes(d.size) })})</VisuallyHidden>
        </a>
      ),
    },
    { key: 'size', header: t('casus.documents.fields.size'), cell: (d) => formatBytes(d.size) },
    { key: 'uploaded', header: t('casus.documents.fields.uploadedAt'), cell: (d) => formatDateTime(d.uploadedAt) },
    { key: 'by', header: t('casus.documents.fields.by'), cell: (d) => labels.org(d.uploadedByOrganisation) },
    { key: 'visibility', header: t('casus.visibility.legend'), cell: (d: CaseDocument) => audienceLabel(d, labels, t) },
  ];

  const percent = phase.step === 'idle' ? 0 : Math.round(phase.fraction * 100);

  return (
    <>
      <Heading level={2}>{t('casus.tabs.documents')}</Heading>
      <Paragraph>{t('casus.documents.intro')}</Paragraph>
      {canContribute && (
        <form noValidate onSubmit={submit} className="zvh-cf-form">
          <FormSection legend={t('casus.documents.addTitle')} level={3}>
            <ErrorSummary
              attempt={attempt}
              errors={[
                ...(error ? [{ id: ids.inputId, label: t('casus.documents.fields.file'), message: error }] : []),
                ...Object.entries(audienceProblems).map(([k, m]) => ({ id: `document-${k}`, label: t('casus.visibility.legend'), message: m })),
              ]}
              message={serverError ? `${t('casus.documents.errors.refused')} ${serverError}` : undefined}
            />
            <div className={['utrecht-form-field', error ? 'utrecht-form-field--invalid' : ''].filter(Boolean).join(' ')}>
              <div className="utrecht-form-field__label">
                <label htmlFor={ids.inputId} className="utrecht-form-label">
                  {t('casus.documents.fields.file')}
                </label>
              </div>
              <div id={ids.descriptionId} className="utrecht-form-field-description">
                {t('casus.documents.fileDescription')}
              </div>
              {error && (
                <div id={ids.errorId} className="utrecht-form-field-error-message">
                  {error}
                </div>
              )}
              <input
                ref={input}
                id={ids.inputId}
                type="file"
                accept={ACCEPT}
                className="zvh-cf-file"
                aria-describedby={describedBy(ids, true, Boolean(error))}
                aria-invalid={error ? true : undefined}
                required
                disabled={busy}
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0] ?? null;
                  setFile(f);
                  setError(f ? check(f) : undefined);
                }}
              />
            </div>
            <AudienceFields id="document" c={c} ownOrganisation={me.organisation.code} value={audience} onChange={setAudience} errors={audienceProblems} labels={labels} />
            <ButtonGroup>
              <Button type="submit" busy={busy}>
                {t('casus.documents.upload')}
              </Button>
            </ButtonGroup>
            <div className="zvh-cf-progress" hidden={!busy}>
              <label htmlFor={progressId}>{phase.step === 'reading' ? t('casus.documents.readingShort') : t('casus.documents.uploadingShort')}</label>
              <progress id={progressId} max={100} value={percent}>
                {percent}%
              </progress>
              <span aria-hidden="true">{percent}%</span>
            </div>
            <p className="rhc-visually-hidden" aria-live="polite">
              {status}
            </p>
          </FormSection>
        </form>
      )}
      <DataTable caption={t('casus.documents.caption')} columns={columns} rows={c.documents} rowKey={(d) => d.id} emptyMessage={t('casus.documents.empty')} />
    </>
  );
}
