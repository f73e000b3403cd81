// SPDX-License-Identifier: EUPL-1.2
// The JSON shape of the annual report (jaarverslag): computed by the server (module rapportage)
// and shown by the web app's report page.

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
  year: number;
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
