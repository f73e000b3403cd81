// SPDX-License-Identifier: EUPL-1.2
// The default tenant's reference data (../../../../shared/spec/reference-data.md). Codes are
// stable identifiers; names can be changed by the beheerder in the application.

export const DEFAULT_TENANT = { code: 'drenthe', name: 'Zorg- en Veiligheidshuis Drenthe' } as const;

export type Region = 'noord' | 'zuidoost' | 'zuidwest';
export interface MunicipalityRef { code: string; name: string; region: Region; nazorgPlustaak: boolean }

const NAZORG = new Set(['GM1680', 'GM1730', 'GM1690', 'GM0118', 'GM1731']);
export const MUNICIPALITIES: MunicipalityRef[] = ([
  ['GM1680', 'Aa en Hunze', 'noord'],
  ['GM0106', 'Assen', 'noord'],
  ['GM1699', 'Noordenveld', 'noord'],
  ['GM1730', 'Tynaarlo', 'noord'],
  ['GM1681', 'Borger-Odoorn', 'zuidoost'],
  ['GM0109', 'Coevorden', 'zuidoost'],
  ['GM0114', 'Emmen', 'zuidoost'],
  ['GM0118', 'Hoogeveen', 'zuidwest'],
  ['GM0119', 'Meppel', 'zuidwest'],
  ['GM1731', 'Midden-Drenthe', 'zuidwest'],
  ['GM1701', 'Westerveld', 'zuidwest'],
  ['GM1690', 'De Wolden', 'zuidwest'],
] as const).map(([code, name, region]) => ({ code, name, region, nazorgPlustaak: NAZORG.has(code) }));

export type Domain = 'zorg' | 'justitie' | 'gemeente';
export const DOMAINS: Domain[] = ['zorg', 'justitie', 'gemeente'];
/** `municipal`: one department per municipality (reference-data.md); its professionals work for one municipality or a few. */
export interface PartnerRef { code: string; name: string; domain: Domain; municipal: boolean; professionalSecrecy: boolean }
/** The default tenant's municipal partners; seeded as `organisations.municipal`, which is what access decides on. */
const MUNICIPAL_PARTNERS = new Set(['gemeente-oov', 'gemeente-sd', 'sociale-teams', 'leerplicht']);
/** The default tenant's partners with professional secrecy (beroepsgeheim); seeded as `organisations.professional_secrecy`, which the beheerder changes. */
const SECRECY_PARTNERS = new Set(['ggz-drenthe']);
export const PARTNERS: PartnerRef[] = ([
  ['andere-zvh', 'Andere zorg- en veiligheidshuizen', 'gemeente'],
  ['cosis', 'Cosis', 'zorg'],
  ['dji', 'Dienst Justitiële Inrichtingen', 'justitie'],
  ['gemeente-oov', 'Gemeente (openbare orde en veiligheid)', 'gemeente'],
  ['gemeente-sd', 'Gemeente (sociaal domein)', 'gemeente'],
  ['ggd-oggz', 'GGD (OGGZ)', 'zorg'],
  ['ggz-drenthe', 'GGZ Drenthe', 'zorg'],
  ['jbn-jeugdbescherming', 'Jeugdbescherming Noord (jeugdbescherming)', 'zorg'],
  ['jbn-jeugdreclassering', 'Jeugdbescherming Noord (jeugdreclassering)', 'justitie'],
  ['ldh-welzijn', 'Leger des Heils (welzijn)', 'zorg'],
  ['ldh-reclassering', 'Leger des Heils (reclassering)', 'justitie'],
  ['mee-drenthe', 'MEE Drenthe', 'zorg'],
  ['menso', 'Menso', 'zorg'],
  ['om', 'Openbaar Ministerie', 'justitie'],
  ['politie', 'Politie', 'justitie'],
  ['rvdk', 'Raad voor de Kinderbescherming', 'justitie'],
  ['3ro', 'Reclasseringsorganisaties (3RO)', 'justitie'],
  ['sociale-teams', 'Sociale teams', 'gemeente'],
  ['halt', 'Stichting HALT', 'justitie'],
  ['leerplicht', 'Leerplicht en RMC (gemeente)', 'gemeente'],
  ['vnn', 'Verslavingszorg Noord Nederland', 'zorg'],
  ['veilig-thuis', 'Veilig Thuis Drenthe', 'zorg'],
  ['william-schrikker', 'William Schrikker', 'zorg'],
  ['zsm', 'ZSM', 'justitie'],
] as const).map(([code, name, domain]) => ({ code, name, domain, municipal: MUNICIPAL_PARTNERS.has(code), professionalSecrecy: SECRECY_PARTNERS.has(code) }));

/** The organisation code of the ZVH itself (its staff: beheerder, manager, procesregisseur, informatiemakelaar). */
export const ZVH_ORGANISATION = 'zvh';

export type CodeListName =
  | 'caseKind' | 'approach' | 'mainTopic' | 'problemArea' | 'children' | 'gender' | 'ageGroup'
  | 'triageOutcome' | 'nazorgCondition' | 'lpcoOutcome' | 'veelplegerStatus' | 'closeReason' | 'urgency'
  | 'relation' | 'referralPlace' | 'partnerQuestion' | 'zrmDomain' | 'signalCategory';

/** Code lists: [code, Dutch label]. `ageGroup` and `caseKind` are fixed by the report definitions. */
export const CODE_LISTS: Record<CodeListName, [string, string][]> = {
  caseKind: [['procesregie', 'Procesregie'], ['advies', 'Advies en ondersteuning'], ['informatievraag', 'Informatievraag']],
  approach: [['maatwerk', 'Maatwerk (intensief)'], ['pga', 'Persoonsgerichte aanpak (PGA)']],
  mainTopic: [
    ['verward-hoog-risico', 'Verward en hoog veiligheidsrisico'],
    ['ernstige-overlast', 'Ernstige overlast'],
    ['radicalisering', '(Vermoeden van) radicalisering'],
    ['huiselijk-geweld', 'Huiselijk geweld'],
    ['bij-delict', 'BIJ-delict'],
    ['overige-veiligheid', 'Overige: veiligheid omgeving in het geding'],
  ],
  problemArea: [
    ['psychisch', 'Psychische gezondheid / verward gedrag'],
    ['lvb', 'LVB of vermoeden van'],
    ['verslaving', 'Verslaving'],
    ['schulden', 'Problematische schulden'],
    ['huisvesting', 'Problematische huisvesting'],
    ['delict', 'Delictgedrag'],
  ],
  children: [
    ['met-minderjarige-kinderen', 'Met minderjarige kinderen'],
    ['zonder-minderjarige-kinderen', 'Zonder minderjarige kinderen'],
    ['hoofdpersoon-minderjarig', 'Hoofdpersoon is minderjarig'],
  ],
  gender: [['man', 'Man'], ['vrouw', 'Vrouw'], ['anders', 'Anders / onbekend']],
  ageGroup: [['<18', 'Jonger dan 18'], ['18-23', '18 tot en met 23'], ['24-40', '24 tot en met 40'], ['41-65', '41 tot en met 65'], ['>65', 'Ouder dan 65']],
  triageOutcome: [
    ['procesregie', 'Procesregie'],
    ['advies', 'Advies (regie blijft bij aanmelder)'],
    ['terugleggen', 'Terugleggen met advies'],
    ['doorverwijzen', 'Doorverwijzen'],
  ],
  nazorgCondition: [['id-bewijs', 'Geldig identiteitsbewijs'], ['onderdak', 'Onderdak'], ['inkomen', 'Inkomen of dagbesteding'], ['schulden', 'Schulden'], ['zorg', 'Zorg']],
  lpcoOutcome: [['trip', 'TRIP'], ['dagvaarden', 'Dagvaarden'], ['bespreekcasus', 'Bespreekcasus'], ['vsv', 'Voortijdig schoolverlater'], ['geseponeerd', 'Geseponeerd']],
  veelplegerStatus: [['veelpleger', 'Veelpleger'], ['zeer-actieve-veelpleger', 'Zeer actieve veelpleger']],
  closeReason: [
    ['doel-bereikt', 'Doel bereikt'],
    ['overgedragen', 'Overgedragen aan een partner'],
    ['niet-bereikbaar', 'Betrokkene niet bereikbaar of verhuisd'],
    ['geen-medewerking', 'Geen medewerking'],
    ['overig', 'Overig'],
  ],
  urgency: [['normaal', 'Normaal'], ['hoog', 'Hoog'], ['acuut', 'Acuut']],
  relation: [['partner', 'Partner'], ['kind', 'Kind'], ['ouder', 'Ouder'], ['broer-zus', 'Broer of zus'], ['huisgenoot', 'Huisgenoot'], ['overig', 'Overig']],
  /** The catalogue of standard questions to partners (verrijking); the beheerder keeps it. */
  partnerQuestion: [
    ['bekend', 'Is betrokkene bekend bij uw organisatie?'],
    ['trajecten', 'Welke trajecten en maatregelen lopen er?'],
    ['risicos', "Zijn er risico's voor de veiligheid (van betrokkene, omgeving of hulpverleners)?"],
    ['contactpersoon', 'Wie is de contactpersoon of behandelaar bij uw organisatie?'],
    ['recente-contacten', 'Wat waren de recente contacten met betrokkene?'],
  ],
  /** The life domains of the Zelfredzaamheid-Matrix (ZRM), scored 1-5 at the start and at closure. */
  zrmDomain: [
    ['financien', 'Financiën'], ['dagbesteding', 'Dagbesteding'], ['huisvesting', 'Huisvesting'], ['huiselijke-relaties', 'Huiselijke relaties'],
    ['geestelijke-gezondheid', 'Geestelijke gezondheid'], ['lichamelijke-gezondheid', 'Lichamelijke gezondheid'], ['verslaving', 'Verslaving'],
    ['adl', 'ADL (algemene dagelijkse levensverrichtingen)'], ['sociaal-netwerk', 'Sociaal netwerk'],
    ['maatschappelijke-participatie', 'Maatschappelijke participatie'], ['justitie', 'Justitie'],
  ],
  referralPlace: [['veilig-thuis', 'Veilig Thuis'], ['zsm', 'ZSM'], ['lokaal-zorgnetwerk', 'Lokaal zorgnetwerk'], ['sociaal-team', 'Sociaal team'], ['overig', 'Overig']],
  /** Categories of a signal (signaalfunctie, issue 10); the same defaults as migration 0012. */
  signalCategory: [
    ['huisvesting', 'Geen passende huisvesting'],
    ['wachtlijst-zorg', 'Wachtlijst zorg'],
    ['partner-levert-niet', 'Partner kan afspraken niet nakomen'],
    ['wet-en-regelgeving', 'Knelpunt in wet- en regelgeving'],
    ['capaciteit-zvh', 'Capaciteit ZVH (wachttijd triage)'],
    ['overig', 'Overig'],
  ],
};

/** Capacity model defaults (seed 002): norm hours per item for IM and PR, productive hours per FTE. */
export const CAPACITY_DEFAULTS = {
  hoursPerFte: 1400,
  norms: {
    informatievraag: { im: 0.7, pr: 0 },
    advies: { im: 9.3, pr: 14 },
    procesregie: { im: 19, pr: 30 },
    signaal: { im: 0, pr: 14 },
  },
} as const;
