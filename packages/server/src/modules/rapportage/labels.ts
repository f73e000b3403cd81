// SPDX-License-Identifier: EUPL-1.2
// Dutch captions of the report's tables, shared by the XLSX and PDF exports (the web page has
// its own in i18n).
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
