// SPDX-License-Identifier: EUPL-1.2
// The shapes of the report, capacity and cost split API (server modules rapportage, capaciteit).
// The answers are generated from the OpenAPI document (src/api/openapi.d.ts, `npm run openapi`);
// only the task and rounding code lists come from @zvh/shared, as the server's computation does.
import type { ApiResponse } from '../../api/types';

/** The annual report (GET /api/reports/annual). */
export type AnnualReport = ApiResponse<'getAnnualReport'>;
/** The figures of a quarter or any range of days (GET /api/reports/period): the annual report's with the period. */
export type PeriodReport = ApiResponse<'getPeriodReport'>;
/** The figures of one municipality in the report. */
export type MunicipalityFigures = AnnualReport['byMunicipality'][number];
/** The capacity model over the counts of a year or a period in it (GET /api/capacity). */
export type CapacityReport = ApiResponse<'getCapacity'>;
/** The capacity model over given counts and staff (POST /api/capacity/plan). */
export type CapacityResult = ApiResponse<'planCapacity'>;
/** The hours per FTE and the norm hours per task (GET/PUT /api/capacity/settings). */
export type CapacitySettings = ApiResponse<'getCapacitySettings'>;
/** The available staff of a year; `set` false: nothing recorded, counted as 0 (GET/PUT /api/capacity/fte/{year}). */
export type FteYear = ApiResponse<'getFteYear'>;
export type RolePair = CapacityResult['hours'];
export type TaskCounts = CapacityResult['counts'];
/** The municipal contribution split over the municipalities (POST /api/cost-split). */
export type CostSplit = ApiResponse<'splitCosts'>;
/** The default total, split rule and nazorg fee (GET/PUT /api/cost-split/settings). */
export type CostSplitSettings = ApiResponse<'getCostSplitSettings'>;
/** The tasks and roundings as code lists, shared with the server. */
export { CAPACITY_TASKS, COST_SPLIT_ROUNDINGS, type CapacityTask, type CostSplitRounding } from '@zvh/shared';
