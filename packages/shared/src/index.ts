// SPDX-License-Identifier: EUPL-1.2
export * from './reference.js';
export * from './roles.js';
export * from './bsn.js';
export * from './workflow.js';
export * from './capacity.js';
export * from './report.js';
export * from './permissions.js';
export * from './visibility.js';
export * from './meetings.js';
export * from './signals.js';
