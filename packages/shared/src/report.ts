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
  /** The filters applied (null: the whole tenant) and the municipalities they selected. */
  filters: { region: string | null; municipality: string | null; municipalities: string[] };
}
