// SPDX-License-Identifier: EUPL-1.2
// The informatieknooppunt's API shapes (see the server's informatieknooppunt/routes.ts).
import type { ApiResponse } from '../../api/types';

export type PartnerRequestStatus = 'open' | 'beantwoord' | 'geen-informatie' | 'geweigerd';

/** A question to a partner with its answer (generated from the API's response schema). */
export type PartnerRequest = ApiResponse<'listPartnerRequests'>[number];

/** A row of the informatiemakelaar's inbox (generated from the API's response schema). */
export type InformationRequestItem = ApiResponse<'listInformationRequests'>[number];

/** The informatiemakelaar's look-up of a person (generated from the API's response schema). */
export type Lookup = ApiResponse<'lookupInformationRequest'>;

/** What GET /api/registrations/{id} holds for an information request: the answer (generated from the API's response schema). */
export type RegistrationAnswer = Pick<ApiResponse<'getRegistration'>, 'answer' | 'answerDetails'>;
