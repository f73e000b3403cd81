// SPDX-License-Identifier: EUPL-1.2
// The signal report for the stuurgroep as PDF (pdfmake, the renderer of rapportage/export-pdf.ts):
// the signals sent in a year by category, addressee and status, and each signal with the number
// of cases per municipality it rests on. No names, case numbers or other personal data.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { SIGNAL_STATUS_LABELS, SIGNAL_STATUSES } from '@zvh/shared';
import { renderPdf } from '../rapportage/export-pdf.js';
import type { SignalReport } from './service.js';

const COLOR = '#154273';
const table = (head: string[], body: (string | number)[][], widths?: (string | number)[]): Content => ({
  table: { headerRows: 1, widths: widths ?? head.map(() => '*'), body: [head.map((h) => ({ text: h, bold: true, color: 'white', fillColor: COLOR })), ...body.map((r) => r.map(String))] },
  layout: 'lightHorizontalLines', margin: [0, 4, 0, 12],
});

export function signalReportDefinition(report: SignalReport, tenantName: string): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    info: { title: `Signalenrapportage ${report.year}` },
    footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    defaultStyle: { fontSize: 10 },
    content: [
      { text: tenantName, fontSize: 10, color: COLOR },
      { text: `Signalen aan de stuurgroep ${report.year}`, fontSize: 18, bold: true, color: COLOR, margin: [0, 2, 0, 4] },
      { text: `Signalen verzonden in ${report.year}: ${report.total}. Zonder persoonsgegevens: casussen alleen als aantallen per gemeente.`, margin: [0, 0, 0, 10] },
      { text: 'Per categorie', bold: true, fontSize: 12 },
      table(['Categorie', 'Aantal'], report.byCategory.map((c) => [c.label, c.count]), ['*', 60]),
      { text: 'Per geadresseerde', bold: true, fontSize: 12 },
      table(['Geadresseerde', 'Aantal'], report.byAddressee.map((a) => [a.name, a.count]), ['*', 60]),
      { text: 'Huidige status', bold: true, fontSize: 12 },
      table(['Status', 'Aantal'], SIGNAL_STATUSES.map((s) => [SIGNAL_STATUS_LABELS[s], report.byStatus[s]]), ['*', 60]),
      { text: 'De signalen', bold: true, fontSize: 12, pageBreak: report.signals.length ? 'before' : undefined },
      ...(report.signals.length ? report.signals.map((s): Content => ({
        stack: [
          { text: `${s.categoryLabel} — aan ${s.addressedName}`, bold: true },
          { text: `Verzonden ${s.sentOn ?? '-'}; status ${SIGNAL_STATUS_LABELS[s.status]}` , fontSize: 9, color: '#555555' },
          { text: s.description, margin: [0, 2, 0, 2] },
          { text: `Casussen: ${s.casesByMunicipality.length ? s.casesByMunicipality.map((m) => `${m.name ?? 'zonder gemeente'} ${m.cases}`).join(', ') : 'geen'}`, fontSize: 9 },
        ],
        margin: [0, 0, 0, 10],
      })) : [{ text: 'Geen signalen verzonden in dit jaar.' } as Content]),
    ],
  };
}

export function signalReportPdf(report: SignalReport, tenantName: string): Promise<Buffer> {
  return renderPdf(signalReportDefinition(report, tenantName));
}
