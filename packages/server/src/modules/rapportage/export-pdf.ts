// SPDX-License-Identifier: EUPL-1.2
// The annual report as PDF (pdfmake 0.2 on the server, its bundled Roboto fonts): A4, the
// tenant's name and the year, the tables, the distributions as simple bar charts drawn with
// pdfmake's canvas vectors, and page numbers. Four pages: basics and municipalities; partners
// and domains; main topic, age and gender; problem areas, children and border crossing.
import { createRequire } from 'node:module';
import type PdfPrinter from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import type { AnnualReport, ReportLabels } from './annual-report.js';
import { municipalityTotals } from './annual-report.js';
import { BASICS_LABELS, DOMAIN_LABELS, GOALS_MET_LABELS, MUNICIPALITY_COLUMNS, OUTCOME_COLUMNS, PERCENTAGE_TABLES, activeAtEndLabel, filterLine, informingRows, periodWords, reportTitle } from './labels.js';

const require = createRequire(import.meta.url);
let printer: PdfPrinter | undefined;

/** pdfmake is loaded at the first PDF, not at start-up (it takes seconds to load). */
async function getPrinter(): Promise<PdfPrinter> {
  if (!printer) {
    const { default: Printer } = await import('pdfmake');
    // the fonts pdfmake ships in its virtual file system (base64 TTF)
    const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
    const font = (f: string) => Buffer.from(vfs[f]!, 'base64');
    const fonts: TFontDictionary = {
      Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') },
    } as unknown as TFontDictionary;
    printer = new Printer(fonts);
  }
  return printer;
}

const COLOR = '#154273'; // rijkshuisstijl dark blue
const BAR_WIDTH = 220;
const BAR_HEIGHT = 9;

function bar(value: number, max: number): TableCell {
  const w = max > 0 ? Math.max(0, Math.min(BAR_WIDTH, (value / max) * BAR_WIDTH)) : 0;
  return {
    canvas: [
      { type: 'rect', x: 0, y: 1, w: BAR_WIDTH, h: BAR_HEIGHT, color: '#e6ecf3' },
      ...(w > 0 ? [{ type: 'rect' as const, x: 0, y: 1, w, h: BAR_HEIGHT, color: COLOR }] : []),
    ],
  };
}

/** A labelled bar chart: one row per item, the bar and the number beside the label. */
function barChart(items: { label: string; value: number }[], opts: { max?: number; unit?: string } = {}): Content {
  const max = opts.max ?? Math.max(0, ...items.map((i) => i.value));
  return {
    table: {
      widths: [170, BAR_WIDTH + 4, 'auto'],
      body: items.map((i) => [{ text: i.label, fontSize: 9 }, bar(i.value, max), { text: `${i.value}${opts.unit ?? ''}`, fontSize: 9, alignment: 'right' }]),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 8],
  };
}

const th = (text: string, alignment: 'left' | 'right' = 'left'): TableCell => ({ text, style: 'th', alignment });
const num = (n: number, bold = false): TableCell => ({ text: String(n), alignment: 'right', bold });

const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => '#8fa3b8',
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function percentageSection(report: AnnualReport, labels: ReportLabels, t: (typeof PERCENTAGE_TABLES)[number], pageBreak = false): Content[] {
  const values = report.percentages[t.key];
  const items = Object.entries(values).map(([code, pct]) => ({ label: labels.codeLists[t.list]?.[code] ?? code, value: pct }));
  return [
    { text: t.title, style: 'h2', ...(pageBreak ? { pageBreak: 'before' as const } : {}) },
    barChart(items, { max: 100, unit: '%' }),
  ];
}

/** The facilitated meetings' own records (section `facilitated`), on a page of their own. */
function facilitatedSection(report: AnnualReport, labels: ReportLabels): Content[] {
  const fa = report.facilitated;
  const mun = new Map(report.byMunicipality.map((m) => [m.code, m.name]));
  const simple = (head: string, rowsOf: [string, number][]): Content => ({
    table: { headerRows: 1, widths: ['*', 60], body: [[th(head), th('Aantal', 'right')], ...rowsOf.map(([l, n]) => [{ text: l }, num(n)])] },
    layout: tableLayout,
  });
  return [
    { text: 'Gefaciliteerde overleggen', style: 'h1', fontSize: 14, pageBreak: 'before' },
    { text: 'Registraties van de overleggen die het Zorg- en Veiligheidshuis faciliteert; ze tellen niet mee in de cijfers hiervoor.', style: 'note' },
    { text: 'Veelplegers per regio', style: 'h2' },
    simple('Regio', Object.entries(fa.veelplegers).map(([r, n]) => [r === 'total' ? 'Totaal' : r, n])),
    { text: 'LPCO per gemeente', style: 'h2' },
    simple('Gemeente', [...Object.entries(fa.lpco.byMunicipality).map(([c, n]) => [mun.get(c) ?? c, n] as [string, number]), ['Totaal', fa.lpco.total]]),
    { text: 'LPCO per afdoening', style: 'h2' },
    simple('Afdoening', [...Object.entries(fa.lpco.byOutcome).map(([c, n]) => [labels.codeLists.lpcoOutcome?.[c] ?? c, n] as [string, number]), ['Totaal', fa.lpco.total]]),
    { text: 'Nazorg ex-gedetineerden per plustaakgemeente', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 55, 55, 55, 55],
        body: [
          [th('Gemeente'), th('Instroom', 'right'), th('Waarvan afgesloten', 'right'), th('Afgesloten van eerder', 'right'), th('Doorlopend', 'right')],
          ...Object.entries(fa.nazorg.byMunicipality).map(([c, v]) => [{ text: mun.get(c) ?? c }, num(v.inflow), num(v.closedOfInflow), num(v.closedOfEarlier), num(v.carriedThrough)]),
        ],
      },
      layout: tableLayout,
    },
  ];
}

/** Outcome (rendement): ZRM and safety risk of the cases closed in the period, and goals met. */
function outcomeSection(report: AnnualReport, labels: ReportLabels): Content[] {
  const o = report.outcome;
  return [
    { text: 'Uitkomst van de afgesloten procesregie', style: 'h1', fontSize: 14, pageBreak: 'before' },
    { text: `${o.closed} procesregiecasussen afgesloten, waarvan ${o.scoredAtBoth} met een Zelfredzaamheid-Matrix bij start en afsluiting. Een leefgebied telt alleen mee als het op beide momenten is gescoord.`, style: 'note' },
    { text: 'Zelfredzaamheid per leefgebied en veiligheidsrisico', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 70, 70, 70],
        body: [
          [th('Leefgebied'), ...OUTCOME_COLUMNS.map(([, l]) => th(l, 'right'))],
          ...Object.entries(o.byDomain).map(([c, v]) => [{ text: labels.codeLists.zrmDomain?.[c] ?? c }, ...OUTCOME_COLUMNS.map(([k]) => num(v[k]))]),
          [{ text: 'Veiligheidsrisico', bold: true }, ...OUTCOME_COLUMNS.map(([k]) => num(o.safetyRisk[k], true))],
        ],
      },
      layout: tableLayout,
    },
    { text: 'Doelen behaald (evaluatie bij afsluiting)', style: 'h2' },
    barChart(GOALS_MET_LABELS.map(([k, l]) => ({ label: l, value: o.goalsMet[k] }))),
    { text: `${o.goalsMet.percentMet}% van de afgesloten casussen met een vastgelegde evaluatie haalde de doelen.`, style: 'note' },
  ];
}

/** Informing the person (AVG art. 14) of the registrations in the period. */
function informingSection(report: AnnualReport): Content[] {
  return [
    { text: 'Informeren van betrokkene (AVG art. 14)', style: 'h2' },
    { text: 'Van de aanmeldingen over een persoon in de periode: of de betrokkene is geïnformeerd, niet is geïnformeerd met een vastgelegde reden, of dat het nog openstaat.', style: 'note' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 70],
        body: [
          [th('Omschrijving'), th('Aantal', 'right')],
          ...informingRows(report.informing).map(([l, n], i) => [{ text: l, ...(i === 0 ? { bold: true } : {}) }, num(n, i === 0)]),
        ],
      },
      layout: tableLayout,
    },
  ];
}

export function annualReportDefinition(report: AnnualReport, labels: ReportLabels): TDocumentDefinitions {
  const totals = municipalityTotals(report);
  const partnerTotal = report.byPartner.reduce((a, p) => a + p.registered, 0);
  const pt = Object.fromEntries(PERCENTAGE_TABLES.map((t) => [t.key, t]));
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title: `${reportTitle(report)} - ${labels.tenantName}`, author: labels.tenantName, subject: `${reportTitle(report)} (geaggregeerde cijfers)` },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      h1: { fontSize: 18, bold: true, color: COLOR },
      h2: { fontSize: 12, bold: true, color: COLOR, margin: [0, 10, 0, 4] },
      sub: { fontSize: 10, color: '#333333', margin: [0, 2, 0, 0] },
      th: { bold: true, fontSize: 8.5 },
      note: { fontSize: 8, italics: true, color: '#555555' },
    },
    header: (currentPage: number) => (currentPage > 1
      ? { text: `${labels.tenantName} - ${reportTitle(report)}`, fontSize: 8, color: '#555555', margin: [40, 24, 40, 0] }
      : { text: '' }),
    footer: (currentPage: number, pageCount: number) => ({ text: `Pagina ${currentPage} van ${pageCount}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      { text: reportTitle(report), style: 'h1' },
      { text: labels.tenantName, style: 'sub' },
      { text: filterLine(report, labels), style: 'sub' },

      { text: 'Basiscijfers', style: 'h2' },
      {
        table: { headerRows: 1, widths: ['*', 60], body: [[th('Omschrijving'), th('Aantal', 'right')], ...BASICS_LABELS.map(([k, l]) => [{ text: l }, num(report.basics[k])])] },
        layout: tableLayout,
      },

      { text: 'Procesregie- en adviescasussen per gemeente', style: 'h2' },
      {
        table: {
          headerRows: 1,
          widths: ['*', ...MUNICIPALITY_COLUMNS.map(() => 52)],
          body: [
            [th('Gemeente'), ...MUNICIPALITY_COLUMNS.map(([k, l]) => th(k === 'activeAtYearEnd' ? activeAtEndLabel(report) : l, 'right'))],
            ...report.byMunicipality.map((m) => [{ text: m.name }, ...MUNICIPALITY_COLUMNS.map(([k]) => num(m[k]))]),
            [{ text: `Totaal ${labels.areaName}`, bold: true }, ...MUNICIPALITY_COLUMNS.map(([k]) => num(totals[k], true))],
          ],
        },
        layout: tableLayout,
      },
      { text: `Procesregie = meegenomen + instroom; meegenomen + instroom - afgesloten = ${activeAtEndLabel(report).toLowerCase()}.`, style: 'note', margin: [0, 4, 0, 0] },

      { text: 'Aangemelde procesregiecasuïstiek per convenantpartner', style: 'h2', pageBreak: 'before' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 70, 60],
          body: [
            [th('Convenantpartner'), th('Domein'), th('Aangemeld', 'right')],
            ...report.byPartner.map((p) => [{ text: p.name }, { text: p.domain ? (DOMAIN_LABELS[p.domain] ?? p.domain) : '' }, num(p.registered)]),
            [{ text: 'Totaal', bold: true }, { text: '' }, num(partnerTotal, true)],
          ],
        },
        layout: tableLayout,
      },
      { text: 'Aanmeldingen per domein', style: 'h2' },
      barChart(Object.entries(report.byDomain).map(([d, n]) => ({ label: DOMAIN_LABELS[d] ?? d, value: n }))),

      { text: 'Kenmerken van de actieve procesregiecasuïstiek', style: 'h1', fontSize: 14, pageBreak: 'before' },
      { text: `Percentages van de ${report.basics.activeProcessDirection} in ${periodWords(report)} actieve procesregiecasussen, afgerond op hele procenten.`, style: 'note' },
      ...percentageSection(report, labels, pt.mainTopic!),
      ...percentageSection(report, labels, pt.ageGroup!),
      ...percentageSection(report, labels, pt.gender!),

      ...percentageSection(report, labels, pt.problemArea!, true),
      { text: 'Een casus kan op meerdere leefgebieden problemen hebben; de percentages tellen daarom niet op tot 100.', style: 'note' },
      ...percentageSection(report, labels, pt.children!),
      { text: 'Gemeentegrensoverschrijdend', style: 'h2' },
      barChart([{ label: 'Gemeentegrensoverschrijdende casuïstiek', value: report.percentages.crossesMunicipalityBorder }], { max: 100, unit: '%' }),
      ...facilitatedSection(report, labels),
      ...outcomeSection(report, labels),
      ...informingSection(report),
    ],
  };
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  const pdf = await getPrinter();
  return new Promise((resolve, reject) => {
    const doc = pdf.createPdfKitDocument(definition);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function annualReportPdf(report: AnnualReport, labels: ReportLabels): Promise<Buffer> {
  return renderPdf(annualReportDefinition(report, labels));
}
