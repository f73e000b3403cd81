// SPDX-License-Identifier: EUPL-1.2
// The shapes of the report, capacity and cost split API (server modules rapportage, capaciteit).
// The report is generated from the OpenAPI document (src/api/openapi.d.ts, `npm run openapi`);
// the capacity model's types and rules are shared with the server in @zvh/shared.
import type { ApiResponse } from '../../api/types';

/** The annual report (GET /api/reports/annual). */
export type AnnualReport = ApiResponse<'getAnnualReport'>;
/** The figures of a quarter or any range of days (GET /api/reports/period): the annual report's with the period. */
export type PeriodReport = ApiResponse<'getPeriodReport'>;
/** The figures of one municipality in the report. */
export type MunicipalityFigures = AnnualReport['byMunicipality'][number];
export {
  CAPACITY_TASKS, COST_SPLIT_ROUNDINGS,
  type CapacityReport, type CapacityResult, type CapacitySettings, type CapacityTask, type CostSplit, type CostSplitRounding,
  type CostSplitSettings, type FteYear, type RolePair, type TaskCounts,
} from '@zvh/shared';
