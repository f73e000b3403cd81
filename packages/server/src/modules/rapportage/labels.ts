// SPDX-License-Identifier: EUPL-1.2
// Dutch captions of the report's tables, shared by the XLSX and PDF exports (the web page has
// its own in i18n).
import { NOT_INFORMED_REASONS, type InformingFigures, type NotInformedReason } from '@zvh/shared';
import type { AnnualReport, ReportLabels } from './annual-report.js';

export const BASICS_LABELS: [keyof AnnualReport['basics'], string][] = [
  ['registeredProcessDirection', 'Aangemelde procesregiecasussen'],
  ['registeredProcessDirectionPga', 'waarvan PGA'],
  ['notTakenUp', 'Niet opgepakte aanmeldingen'],
  ['activeProcessDirection', 'Actieve procesregiecasussen'],
  ['activeProcessDirectionPga', 'waarvan PGA'],
  ['informationRequests', 'Vragen aan informatieknooppunt'],
  ['advice', 'Advies en ondersteuning vanuit expertisecentrum'],
];

export const MUNICIPALITY_COLUMNS: [Exclude<keyof AnnualReport['byMunicipality'][number], 'code' | 'name' | 'region'>, string][] = [
  ['advice', 'Advies'],
  ['processDirection', 'Procesregie'],
  ['carriedOver', 'Meegenomen uit vorige jaren'],
  ['inflow', 'Instroom'],
  ['closed', 'Afgesloten'],
  ['activeAtYearEnd', 'Actief op 31 december'],
];

export const DOMAIN_LABELS: Record<string, string> = { zorg: 'Zorg', justitie: 'Justitie', gemeente: 'Gemeenten' };

export const PERCENTAGE_TABLES: { key: 'mainTopic' | 'ageGroup' | 'gender' | 'problemArea' | 'children'; list: string; sheet: string; title: string }[] = [
  { key: 'mainTopic', list: 'mainTopic', sheet: 'Hoofdthema', title: 'Hoofdonderwerp procesregiecasuïstiek' },
  { key: 'ageGroup', list: 'ageGroup', sheet: 'Leeftijd', title: 'Leeftijden' },
  { key: 'gender', list: 'gender', sheet: 'Geslacht', title: 'Verdeling naar geslacht' },
  { key: 'problemArea', list: 'problemArea', sheet: 'Problematiek', title: 'Problematiek' },
  { key: 'children', list: 'children', sheet: 'Kinderen', title: 'Kinderen' },
];

export function filterLine(report: AnnualReport, labels: ReportLabels): string {
  const f = report.filters;
  if (!f.region && !f.municipality) return `Alle gemeenten van ${labels.areaName}`;
  const parts: string[] = [];
  if (f.region) parts.push(`regio ${f.region}`);
  if (f.municipality) parts.push(`gemeente ${report.byMunicipality.find((m) => m.code === f.municipality)?.name ?? f.municipality}`);
  return `Selectie: ${parts.join(', ')}`;
}

const dutchDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  return `${d} ${months[m! - 1]} ${y}`;
};

/** "Jaarverslag 2026", "Cijfers 2e kwartaal 2026" or "Cijfers 1 maart 2026 tot en met 31 maart 2026". */
export function reportTitle(report: AnnualReport): string {
  const p = report.period;
  if (!p) return `Jaarverslag ${report.year}`;
  if (p.quarter) return `Cijfers ${p.quarter}e kwartaal ${report.year}`;
  if (p.from === `${report.year}-01-01` && p.to === `${report.year}-12-31`) return `Cijfers ${report.year}`;
  return `Cijfers ${dutchDay(p.from)} tot en met ${dutchDay(p.to)}`;
}

/** The period as words: "2026" for the annual report, else "1 april 2026 tot en met 30 juni 2026". */
export function periodWords(report: AnnualReport): string {
  return report.period ? `${dutchDay(report.period.from)} tot en met ${dutchDay(report.period.to)}` : String(report.year);
}

/** The column "active at the end": 31 December for the annual report, the period's last day otherwise. */
export function activeAtEndLabel(report: AnnualReport): string {
  return report.period ? `Actief op ${dutchDay(report.period.to)}` : 'Actief op 31 december';
}

/** File name stem: jaarverslag-2026, cijfers-2026-k2, cijfers-2026-03-01-2026-03-31. */
export function reportFileStem(report: AnnualReport): string {
  const p = report.period;
  if (!p) return `jaarverslag-${report.year}`;
  if (p.quarter) return `cijfers-${report.year}-k${p.quarter}`;
  return `cijfers-${p.from}-${p.to}`;
}

export const OUTCOME_COLUMNS: ['improved' | 'same' | 'worsened', string][] = [['improved', 'Verbeterd'], ['same', 'Gelijk gebleven'], ['worsened', 'Verslechterd']];
export const GOALS_MET_LABELS: ['ja' | 'deels' | 'nee' | 'notRecorded', string][] = [['ja', 'Doelen behaald'], ['deels', 'Deels behaald'], ['nee', 'Niet behaald'], ['notRecorded', 'Niet vastgelegd']];

export const NOT_INFORMED_REASON_LABELS: Record<NotInformedReason, string> = {
  doel_ondermijnd: 'Informeren zou het doel ondermijnen',
  gevaar: 'Gevaar voor de betrokkene of anderen',
  al_geinformeerd: 'Betrokkene beschikt al over de informatie',
  onevenredige_inspanning: 'Onmogelijk of onevenredige inspanning',
};
/** The rows of the section "Informeren van betrokkene" (AVG art. 14), shared by XLSX and PDF. */
export function informingRows(i: InformingFigures): [string, number][] {
  return [
    ['Aanmeldingen over een persoon', i.registrations],
    ['Geïnformeerd', i.informed],
    ['waarvan door de aanmelder', i.informedByRegistrant],
    ['waarvan door het ZVH', i.informedByZvh],
    ['Niet geïnformeerd, met vastgelegde reden', i.notInformed],
    ...NOT_INFORMED_REASONS.map((r) => [`waarvan: ${NOT_INFORMED_REASON_LABELS[r].toLowerCase()}`, i.notInformedByReason[r]] as [string, number]),
    ['Nog open', i.open],
  ];
}
