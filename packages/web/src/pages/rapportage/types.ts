// SPDX-License-Identifier: EUPL-1.2
// The shapes of the report, capacity and cost split API (server modules rapportage, capaciteit):
// one definition each, in @zvh/shared, used by the server and the web app alike.
export type { AnnualReport, MunicipalityFigures } from '@zvh/shared';
export {
  CAPACITY_TASKS, COST_SPLIT_ROUNDINGS,
  type CapacityReport, type CapacityResult, type CapacitySettings, type CapacityTask, type CostSplit, type CostSplitRounding,
  type CostSplitSettings, type FteYear, type RolePair, type TaskCounts,
} from '@zvh/shared';
