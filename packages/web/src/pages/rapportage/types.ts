// SPDX-License-Identifier: EUPL-1.2
// The shapes of the report, capacity and cost split API (server modules rapportage, capaciteit).

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
  filters: { region: string | null; municipality: string | null; municipalities: string[] };
}

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

export type CapacityTask = 'informatievraag' | 'advies' | 'procesregie' | 'signaal';
export const CAPACITY_TASKS: CapacityTask[] = ['informatievraag', 'advies', 'procesregie', 'signaal'];
export interface RolePair { im: number; pr: number }
export type TaskCounts = Record<CapacityTask, number>;
export interface CapacitySettings { hoursPerFte: number; norms: Record<CapacityTask, RolePair> }

export interface CapacityResult {
  counts: TaskCounts;
  availableFte: RolePair;
  hours: RolePair;
  neededFte: RolePair;
  shortageFte: RolePair;
}

export interface CapacityReport extends CapacityResult {
  year: number;
  period: { from: string; to: string };
  municipality: string | null;
  availableFteSet: boolean;
  settings: CapacitySettings;
  byMunicipality: { code: string; name: string; region: string; counts: TaskCounts; hours: RolePair; shareOfHours: RolePair }[];
}

export interface FteYear { year: number; im: number; pr: number; contribution: number | null; set: boolean }

export interface CostSplitRule { largeMunicipalities: string[]; smallShare: number; roundDownTo: number }
export interface CostSplitSettings { total: number; rule: CostSplitRule }
export interface CostSplit {
  total: number;
  rule: CostSplitRule;
  year: number | null;
  shares: { municipality: string; name: string; amount: number; percentOfTotal: number; caseload?: number; caseloadShare?: number }[];
}
