// SPDX-License-Identifier: EUPL-1.2
// The annual report as a spreadsheet: one sheet per table, numbers as numbers, and every text
// cell that a spreadsheet could read as a formula (=, +, -, @, tab, CR) neutralised with a '.
import type ExcelJS from 'exceljs';
import type { AnnualReport, ReportLabels } from './annual-report.js';
import { municipalityTotals } from './annual-report.js';
import { BASICS_LABELS, DOMAIN_LABELS, GOALS_MET_LABELS, MUNICIPALITY_COLUMNS, OUTCOME_COLUMNS, PERCENTAGE_TABLES, activeAtEndLabel, filterLine, informingRows, periodWords, reportTitle } from './labels.js';

/** Text that would start a formula gets a leading apostrophe (OWASP CSV/formula injection). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Cell = string | number | null;

function addTable(wb: ExcelJS.Workbook, name: string, header: string[], body: Cell[][], opts: { totalRow?: boolean } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const row = ws.addRow(header.map(neutralise));
  row.font = { bold: true };
  for (const r of body) ws.addRow(r.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
  if (opts.totalRow && body.length) ws.lastRow!.font = { bold: true };
  ws.columns.forEach((col, i) => {
    const widest = Math.max(header[i]?.length ?? 0, ...body.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(10, widest + 2));
  });
  return ws;
}

export async function annualReportXlsx(report: AnnualReport, labels: ReportLabels): Promise<Buffer> {
  // exceljs is loaded at the first export, not at start-up (it takes seconds to load)
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = neutralise(labels.tenantName);
  wb.title = reportTitle(report);
  wb.created = new Date();

  addTable(wb, 'Over dit rapport', ['Gegeven', 'Waarde'], [
    ['Organisatie', labels.tenantName],
    [report.period ? 'Periode' : 'Jaar', report.period ? periodWords(report) : report.year],
    ['Selectie', filterLine(report, labels)],
    ['Aangemaakt op', new Date().toISOString().slice(0, 10)],
    ['Toelichting', `Alleen geaggregeerde cijfers; percentages over de actieve procesregiecasussen van ${report.period ? 'de periode' : 'het jaar'}, halven naar boven afgerond.`],
  ]);

  addTable(wb, 'Basiscijfers', ['Code', 'Omschrijving', 'Aantal'],
    BASICS_LABELS.map(([key, label]) => [key, label, report.basics[key]]));

  const totals = municipalityTotals(report);
  const columns = MUNICIPALITY_COLUMNS.map(([k, l]) => (k === 'activeAtYearEnd' ? activeAtEndLabel(report) : l));
  addTable(wb, 'Per gemeente', ['Code', 'Gemeente', 'Regio', ...columns], [
    ...report.byMunicipality.map((m) => [m.code, m.name, m.region, ...MUNICIPALITY_COLUMNS.map(([k]) => m[k])]),
    ['', `Totaal ${labels.areaName}`, '', ...MUNICIPALITY_COLUMNS.map(([k]) => totals[k])],
  ], { totalRow: true });

  const partnerTotal = report.byPartner.reduce((a, p) => a + p.registered, 0);
  addTable(wb, 'Per partner', ['Code', 'Convenantpartner', 'Domein', 'Aangemelde procesregie'], [
    ...report.byPartner.map((p) => [p.code, p.name, p.domain ? (DOMAIN_LABELS[p.domain] ?? p.domain) : '', p.registered]),
    ['', 'Totaal', '', partnerTotal],
  ], { totalRow: true });

  addTable(wb, 'Per domein', ['Code', 'Domein', 'Aangemelde procesregie'],
    Object.entries(report.byDomain).map(([code, n]) => [code, DOMAIN_LABELS[code] ?? code, n]));

  for (const t of PERCENTAGE_TABLES) {
    const values = report.percentages[t.key];
    addTable(wb, t.sheet, ['Code', 'Omschrijving', 'Percentage'],
      Object.entries(values).map(([code, pct]) => [code, labels.codeLists[t.list]?.[code] ?? code, pct]));
  }
  addTable(wb, 'Gemeentegrens', ['Omschrijving', 'Percentage'], [['Gemeentegrensoverschrijdende casuïstiek', report.percentages.crossesMunicipalityBorder]]);

  // the facilitated meetings' own records (section `facilitated`); never part of the figures above
  const fa = report.facilitated;
  const mun = new Map(report.byMunicipality.map((m) => [m.code, m.name]));
  addTable(wb, 'Veelplegers', ['Regio', 'Personen met veelplegerstatus'],
    Object.entries(fa.veelplegers).map(([r, n]) => [r === 'total' ? 'Totaal' : r, n]), { totalRow: true });
  addTable(wb, 'LPCO', ['Code', 'Gemeente of afdoening', 'Besproken processen-verbaal'], [
    ...Object.entries(fa.lpco.byMunicipality).map(([c, n]) => [c, mun.get(c) ?? c, n]),
    ...Object.entries(fa.lpco.byOutcome).map(([c, n]) => [c, labels.codeLists.lpcoOutcome?.[c] ?? c, n]),
    ['', 'Totaal', fa.lpco.total],
  ], { totalRow: true });
  addTable(wb, 'Nazorg', ['Code', 'Gemeente', 'Instroom', 'Waarvan afgesloten', 'Afgesloten van eerder', 'Doorlopend'],
    Object.entries(fa.nazorg.byMunicipality).map(([c, v]) => [c, mun.get(c) ?? c, v.inflow, v.closedOfInflow, v.closedOfEarlier, v.carriedThrough]));

  // outcome (rendement) of the procesregie cases closed in the period
  const o = report.outcome;
  addTable(wb, 'Uitkomst ZRM', ['Code', 'Leefgebied (ZRM)', ...OUTCOME_COLUMNS.map(([, l]) => l)], [
    ...Object.entries(o.byDomain).map(([c, v]) => [c, labels.codeLists.zrmDomain?.[c] ?? c, ...OUTCOME_COLUMNS.map(([k]) => v[k])]),
    ['veiligheidsrisico', 'Veiligheidsrisico', ...OUTCOME_COLUMNS.map(([k]) => o.safetyRisk[k])],
  ]);
  addTable(wb, 'Doelen behaald', ['Omschrijving', 'Aantal'], [
    ['Afgesloten procesregiecasussen', o.closed],
    ['waarvan gescoord bij start en afsluiting', o.scoredAtBoth],
    ...GOALS_MET_LABELS.map(([k, l]) => [l, o.goalsMet[k]] as Cell[]),
    ['Percentage doelen behaald (van de vastgelegde evaluaties)', o.goalsMet.percentMet],
  ]);

  // informing the person (AVG art. 14) of the registrations in the period
  addTable(wb, 'Informeren betrokkene', ['Omschrijving', 'Aantal'], informingRows(report.informing));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
