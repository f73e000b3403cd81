// SPDX-License-Identifier: EUPL-1.2
// The readable export of everything about a person (AVG art. 15) as PDF, with pdfmake like the
// annual report: the person, registrations, cases, household, documents, meeting items and the
// processing log (who, organisation, when, action, purpose).
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../rapportage/export-pdf.js';
import type { PersonData } from './person-data.js';

const table = (head: string[], body: (string | number | null)[][]): Content => (body.length === 0
  ? { text: 'Geen.', italics: true, margin: [0, 0, 0, 8] }
  : { table: { headerRows: 1, widths: head.map(() => '*'), body: [head.map((h) => ({ text: h, bold: true })), ...body.map((r) => r.map((c) => String(c ?? '–')))] },
      fontSize: 8, margin: [0, 0, 0, 10], layout: 'lightHorizontalLines' });

export function personExportPdf(d: PersonData, tenantName: string): Promise<Buffer> {
  const p = d.person;
  const definition: TDocumentDefinitions = {
    pageSize: 'A4', pageMargins: [40, 50, 40, 50],
    info: { title: `Inzage persoonsgegevens ${p.id}` },
    footer: (page, pages) => ({ text: `Pagina ${page} van ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      { text: `${tenantName}: overzicht van uw persoonsgegevens`, fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
      { text: 'Inzage op grond van AVG artikel 15. Het Zorg- en Veiligheidshuis is het centrale aanspreekpunt voor alle deelnemende partners (Besluit WGS artikel 1.1).', fontSize: 9, margin: [0, 0, 0, 10] },
      { text: 'Persoon', fontSize: 12, bold: true },
      table(['Naam', 'Geboortedatum', 'Geslacht', 'BSN', 'Gemeente'], [[`${p.firstName} ${p.lastName}`, p.birthDate, p.gender, p.bsn, p.municipality]]),
      { text: 'Aanmeldingen', fontSize: 12, bold: true },
      table(['Nummer', 'Datum', 'Soort', 'Status', 'Aanmelder', 'Reden'], d.registrations.map((r) => [r.id, r.registeredAt, r.kind, r.status, r.registeringPartner, r.reason])),
      { text: 'Casussen', fontSize: 12, bold: true },
      table(['Nummer', 'Soort', 'Status', 'Doel', 'Gestart', 'Afgesloten', 'Partners'], d.cases.map((c) => [c.caseNumber ?? c.id, c.kind, c.status, c.purpose, c.startedAt, c.closedAt, c.participants.join(', ')])),
      { text: 'Huishouden', fontSize: 12, bold: true },
      table(['Aanmelding', 'Rol'], d.household.map((h) => [h.registrationId, h.relation])),
      { text: 'Documenten', fontSize: 12, bold: true },
      table(['Bestand', 'Soort', 'Geüpload', 'Door organisatie'], d.documents.map((x) => [x.filename, x.mimeType, x.uploadedAt, x.uploadedByOrganisation])),
      { text: 'Besproken in overleggen', fontSize: 12, bold: true },
      table(['Overleg', 'Datum', 'Vraag', 'Conclusie'], d.meetingItems.map((m) => [m.meetingTitle, m.startsAt, m.question, m.conclusion])),
      { text: 'Wie uw gegevens verwerkte (verwerkingenlog)', fontSize: 12, bold: true, pageBreak: 'before' },
      table(['Wanneer', 'Wie', 'Organisatie', 'Handeling', 'Doel'], d.processingLog.map((l) => [l.at, `${l.actor.name ?? ''} ${l.actor.email}`.trim(), l.organisation, l.action, l.purpose])),
    ],
    defaultStyle: { fontSize: 9 },
  };
  return renderPdf(definition);
}
