// SPDX-License-Identifier: EUPL-1.2
// Texts of the import page in their own i18next namespace "import", so the page brings its own
// translations. English must have the same keys (checked by the type of `en`).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const nl = {
  title: 'Caseload importeren',
  intro: 'Lees de bestaande casussen uit het vorige systeem in. Het bestand bevat één JSON-object per regel (importformaat v1, NDJSON). Foute regels worden met hun regelnummer geweigerd en veranderen niets; de goede regels worden geïmporteerd.',
  idempotent: 'U kunt hetzelfde bestand gerust opnieuw importeren: een casus met een bekend externalId wordt bijgewerkt, nooit verdubbeld. Zo maakt u ook een afgebroken import af.',
  file: 'Importbestand',
  fileDescription: 'Een .ndjson-bestand: één casus per regel.',
  fileRequired: 'Kies een importbestand',
  fileChosen: '{{name}} ({{size}})',
  dryRun: 'Proefimport: alleen controleren, niets opslaan',
  dryRunDescription: 'Alle regels worden gecontroleerd en verwerkt en daarna teruggedraaid. U ziet wat een echte import zou doen.',
  submit: 'Importeren',
  submitDryRun: 'Controleren',
  uploading: 'Bestand versturen: {{percent}}%',
  uploadingDetail: '{{loaded}} van {{total}} verstuurd',
  uploadProgress: 'Voortgang van het versturen',
  processing: 'Bezig met verwerken…',
  processingDetail: 'De server controleert en schrijft de laatste regels. Dit kan bij grote bestanden even duren; sluit deze pagina niet.',
  doneTitle: 'Import klaar',
  doneDryRunTitle: 'Proefimport klaar: er is niets opgeslagen',
  doneSummary: '{{imported}} nieuw, {{updated}} bijgewerkt, {{rejected}} geweigerd.',
  doneAllGood: 'Alle regels zijn verwerkt.',
  doneSomeRejected: 'Verbeter de geweigerde regels in het bronbestand en importeer het bestand opnieuw; de goede regels worden dan bijgewerkt.',
  summary: 'Samenvatting',
  lines: 'Regels gelezen',
  imported: 'Nieuw',
  updated: 'Bijgewerkt',
  rejected: 'Geweigerd',
  duration: 'Duur',
  seconds: '{{seconds}} s',
  rejectedTitle: 'Geweigerde regels',
  rejectedCaption: 'Geweigerde regels met de reden',
  rejectedTruncated: 'De eerste {{shown}} van {{total}} geweigerde regels worden getoond.',
  line: 'Regel',
  error: 'Reden',
  noneRejected: 'Geen geweigerde regels.',
  failedTitle: 'Import mislukt',
  aborted: 'De import is afgebroken bij regel {{line}}. De regels daarvoor zijn verwerkt; importeer hetzelfde bestand opnieuw om de import af te maken.',
};

export const en: typeof nl = {
  title: 'Import caseload',
  intro: 'Read in the existing cases from the previous system. The file holds one JSON object per line (import format v1, NDJSON). Bad lines are rejected with their line number and change nothing; the good lines are imported.',
  idempotent: 'You can safely import the same file again: a case with a known externalId is updated, never duplicated. This is also how you complete an interrupted import.',
  file: 'Import file',
  fileDescription: 'An .ndjson file: one case per line.',
  fileRequired: 'Choose an import file',
  fileChosen: '{{name}} ({{size}})',
  dryRun: 'Dry run: only check, save nothing',
  dryRunDescription: 'Every line is checked and processed, then rolled back. You see what a real import would do.',
  submit: 'Import',
  submitDryRun: 'Check',
  uploading: 'Sending file: {{percent}}%',
  uploadingDetail: '{{loaded}} of {{total}} sent',
  uploadProgress: 'Upload progress',
  processing: 'Processing…',
  processingDetail: 'The server is checking and writing the last lines. With large files this can take a while; do not close this page.',
  doneTitle: 'Import finished',
  doneDryRunTitle: 'Dry run finished: nothing was saved',
  doneSummary: '{{imported}} new, {{updated}} updated, {{rejected}} rejected.',
  doneAllGood: 'Every line was processed.',
  doneSomeRejected: 'Correct the rejected lines in the source file and import the file again; the good lines are then updated.',
  summary: 'Summary',
  lines: 'Lines read',
  imported: 'New',
  updated: 'Updated',
  rejected: 'Rejected',
  duration: 'Duration',
  seconds: '{{seconds}} s',
  rejectedTitle: 'Rejected lines',
  rejectedCaption: 'Rejected lines with the reason',
  rejectedTruncated: 'The first {{shown}} of {{total}} rejected lines are shown.',
  line: 'Line',
  error: 'Reason',
  noneRejected: 'No rejected lines.',
  failedTitle: 'Import failed',
  aborted: 'The import stopped at line {{line}}. The lines before it were processed; import the same file again to complete the import.',
};

export const NS = 'import';

/** Adds this namespace to i18next (once, after its init; the page loads lazily after it). */
function ensureBundles(): void {
  if (!i18n.isInitialized || i18n.hasResourceBundle('nl', NS)) return;
  i18n.addResourceBundle('nl', NS, nl, true, false);
  i18n.addResourceBundle('en', NS, en, true, false);
}
ensureBundles();

export type ImportKey = keyof typeof nl;

/** t() for the import page: keys of this namespace, re-rendering on a language switch. */
export function useImportT() {
  ensureBundles();
  const { t, i18n: inst } = useTranslation();
  const lng = inst.resolvedLanguage;
  return useCallback(
    (key: ImportKey, options?: Record<string, unknown>): string => (t as unknown as (k: string, o: object) => string)(key, { ns: NS, ...options }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lng],
  );
}
