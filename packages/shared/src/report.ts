// SPDX-License-Identifier: EUPL-1.2
// The annual report (jaarverslag) as the server computes it (module rapportage, with its XLSX
// and PDF exports). What the API sends is the route's TypeBox schema (rapportage/routes.ts, which
// checks at compile time that this type fits it); the web app's report types are generated from
// that schema (packages/web/src/pages/rapportage/types.ts). The lists of codes below are shared.

/** The figures of one municipality in the annual report. */
export interface MunicipalityFigures {
  code: string;
  name: string;
  region: string;
  advice: number;
  processDirection: number;
  carriedOver: number;
  inflow: number;
  closed: number;
  activeAtYearEnd: number;
}

export interface AnnualReport {
  /** The report year; for a period report the year of its first day. */
  year: number;
  /** Only on a period report (GET /api/reports/period): the period, both days included. */
  period?: ReportPeriod;
  basics: {
    registeredProcessDirection: number;
    registeredProcessDirectionPga: number;
    notTakenUp: number;
    activeProcessDirection: number;
    activeProcessDirectionPga: number;
    informationRequests: number;
    advice: number;
  };
  byMunicipality: MunicipalityFigures[];
  byPartner: { code: string; name: string; domain: string | null; registered: number }[];
  byDomain: Record<string, number>;
  percentages: {
    mainTopic: Record<string, number>;
    ageGroup: Record<string, number>;
    gender: Record<string, number>;
    problemArea: Record<string, number>;
    children: Record<string, number>;
    crossesMunicipalityBorder: number;
  };
  /** The facilitated meetings' own records (annual-report.md, 4 of 7); never part of the figures above. */
  facilitated: FacilitatedFigures;
  /** Outcome (rendement) of the procesregie cases closed in the period: ZRM and safety risk, goals met. */
  outcome: OutcomeFigures;
  /** Informing the person (AVG art. 14) of the registrations about a person registered in the period. */
  informing: InformingFigures;
  /** The filters applied (null: the whole tenant) and the municipalities they selected. */
  filters: { region: string | null; municipality: string | null; municipalities: string[] };
}

/** Nazorg figures of one plustaak municipality in the year. */
export interface NazorgFigures { inflow: number; closedOfInflow: number; closedOfEarlier: number; carriedThrough: number }

/** The section `facilitated` of the annual report: veelplegers per region (+ total), LPCO, nazorg. */
export interface FacilitatedFigures {
  veelplegers: Record<string, number>;
  lpco: { byMunicipality: Record<string, number>; byOutcome: Record<string, number>; total: number };
  nazorg: { byMunicipality: Record<string, NazorgFigures> };
}

/** A report period: a year, a quarter or any range of days (both included). */
export interface ReportPeriod { from: string; to: string; quarter: number | null }

/** The safety risk scored at the start of procesregie and at closure, from high to low. */
export const SAFETY_RISKS = ['hoog', 'midden', 'laag'] as const;
export type SafetyRisk = (typeof SAFETY_RISKS)[number];
/** The moments the Zelfredzaamheid-Matrix is scored on a case. */
export const OUTCOME_MOMENTS = ['start', 'afsluiting'] as const;
export type OutcomeMoment = (typeof OUTCOME_MOMENTS)[number];

/** Closed cases whose score at closure is better, the same or worse than at the start. */
export interface OutcomeChange { improved: number; same: number; worsened: number }

/**
 * The section `outcome`: of the procesregie cases closed in the period (the report's `closed`),
 * per ZRM domain (every code of the tenant's list `zrmDomain`) and for the safety risk, how many
 * improved, stayed the same or worsened between the latest score at the start and the latest at
 * closure; a case counts for a domain only when it was scored at both moments. Beside it the
 * closure evaluation's goalsMet; percentMet = ja over the closed cases with goalsMet recorded.
 */
export interface OutcomeFigures {
  closed: number;
  scoredAtBoth: number;
  byDomain: Record<string, OutcomeChange>;
  safetyRisk: OutcomeChange;
  goalsMet: { ja: number; deels: number; nee: number; notRecorded: number; percentMet: number };
}

/** How the person was informed of a registration (AVG art. 14): by the registrant or by the ZVH. */
export const INFORMED_BY = ['registrant', 'zvh'] as const;
/** The channel through which the person was informed. */
export const INFORMING_CHANNELS = ['gesprek', 'telefoon', 'brief', 'email', 'anders'] as const;
/** The recorded grounds not to inform the person (docs/privacy.md "Informeren van betrokkene"). */
export const NOT_INFORMED_REASONS = ['doel_ondermijnd', 'gevaar', 'al_geinformeerd', 'onevenredige_inspanning'] as const;
export type NotInformedReason = (typeof NOT_INFORMED_REASONS)[number];

/**
 * The section `informing`: of the registrations about a person (all kinds; not the anonymous
 * advice questions) registered in the period, how many have the person informed (by the
 * registrant or by the ZVH), not informed with a recorded reason (per reason), or still open.
 */
export interface InformingFigures {
  registrations: number;
  informed: number;
  informedByRegistrant: number;
  informedByZvh: number;
  notInformed: number;
  notInformedByReason: Record<NotInformedReason, number>;
  open: number;
}
