// SPDX-License-Identifier: EUPL-1.2
// The shapes of the report, capacity and cost split API (server modules rapportage, capaciteit);
// the shapes that the server uses as well come from @zvh/shared.
import type { CapacityResult, CapacitySettings, RolePair, TaskCounts } from '@zvh/shared';

export type { AnnualReport, MunicipalityFigures } from '@zvh/shared';
export { CAPACITY_TASKS, type CapacityResult, type CapacitySettings, type CapacityTask, type RolePair, type TaskCounts } from '@zvh/shared';

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
