// SPDX-License-Identifier: EUPL-1.2
// The printable agenda and minutes of one meeting for one reader: only the items that reader
// may see (the caller passes the visible items from the need-to-know query), A4, page numbers.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../rapportage/export-pdf.js';

interface PrintMeeting {
  typeName: string; region: string | null; startsAt: string; endsAt: string | null; location: string | null; videoLink: string | null;
  chairName: string | null; minuteTakerName: string | null; confidentialityText: string | null; minutesApprovedAt: string | null;
}
interface PrintItem {
  position: number; question: string | null; subject: Record<string, unknown> | null; conclusion: string | null; decisions: string | null;
  attendees: unknown; subjectPresent: boolean | null; agreements: unknown[] | null;
}

const when = (iso: string) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

export function meetingPdf(m: PrintMeeting, items: PrintItem[]): Promise<Buffer> {
  const content: Content[] = [
    { text: `${m.typeName}${m.region ? ` (${m.region})` : ''}`, style: 'h1' },
    { text: `${when(m.startsAt)}${m.endsAt ? ` tot ${when(m.endsAt).split(' ').pop()}` : ''}` },
    ...(m.location ? [{ text: `Locatie: ${m.location}` }] : []),
    ...(m.videoLink ? [{ text: `Videoverbinding: ${m.videoLink}` }] : []),
    { text: `Voorzitter: ${m.chairName ?? '-'}; notulist: ${m.minuteTakerName ?? '-'}` },
    { text: m.minutesApprovedAt ? `Verslag vastgesteld op ${when(m.minutesApprovedAt)}` : 'Verslag nog niet vastgesteld (concept)', italics: true, margin: [0, 4, 0, 4] },
    ...(m.confidentialityText ? [{ text: `Geheimhouding: ${m.confidentialityText}`, margin: [0, 0, 0, 8] as [number, number, number, number] }] : []),
    { text: 'Vertrouwelijk: alleen de agendapunten waaraan uw organisatie deelneemt.', fontSize: 9, margin: [0, 0, 0, 10] },
  ];
  if (!items.length) content.push({ text: 'Geen agendapunten voor uw organisatie.' });
  for (const i of items) {
    const s = i.subject as { firstName?: string; lastName?: string; birthYear?: number } | null;
    const attendees = Array.isArray(i.attendees) ? (i.attendees as { organisation: string; present: boolean }[]) : [];
    const agreements = (i.agreements ?? []) as { partner: string; title: string; dueDate: string | null; status: string }[];
    content.push(
      { text: `${i.position}. ${s ? `${s.firstName} ${s.lastName}${s.birthYear ? ` (${s.birthYear})` : ''}` : 'Agendapunt'}`, style: 'h2' },
      { text: `Vraag aan het overleg: ${i.question ?? ''}` },
      ...(attendees.length ? [{ text: `Aanwezig: ${attendees.filter((a) => a.present).map((a) => a.organisation).join(', ') || '-'}` }] : []),
      ...(i.subjectPresent !== null ? [{ text: `Betrokkene zelf aanwezig: ${i.subjectPresent ? 'ja' : 'nee'}` }] : []),
      ...(i.conclusion ? [{ text: `Conclusie: ${i.conclusion}` }] : []),
      ...(i.decisions ? [{ text: `Besluiten: ${i.decisions}` }] : []),
      ...(agreements.length ? [{ ul: agreements.map((a) => `${a.partner}: ${a.title}${a.dueDate ? ` (uiterlijk ${a.dueDate})` : ''} [${a.status}]`) }] : []),
    );
  }
  const doc: TDocumentDefinitions = {
    pageSize: 'A4', pageMargins: [40, 40, 40, 50], info: { title: `Agenda en verslag ${m.typeName}` },
    content,
    styles: { h1: { fontSize: 16, bold: true, color: '#154273', margin: [0, 0, 0, 6] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 3] } },
    defaultStyle: { fontSize: 10 },
    footer: (page: number, pages: number) => ({ text: `Vertrouwelijk - pagina ${page} van ${pages}`, alignment: 'center', fontSize: 8 }),
  };
  return renderPdf(doc);
}
