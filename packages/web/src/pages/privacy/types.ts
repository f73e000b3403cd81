// SPDX-License-Identifier: EUPL-1.2
// The API shapes of these pages, from the OpenAPI document.
import type { ApiResponse } from '../../api/types';

export type PersonHit = ApiResponse<'privacyFindPersons'>[number];
export type PersonData = ApiResponse<'privacyPersonData'>;
export type DataSubjectRequest = ApiResponse<'getDataSubjectRequest'>;
export type Retention = ApiResponse<'getRetention'>;
export type RetentionTerm = Retention['terms'][number];
export type Extension = ApiResponse<'listRetentionExtensions'>[number];
export type Approval = ApiResponse<'listApprovals'>[number];
export type Forward = ApiResponse<'listDataSubjectForwards'>[number];
