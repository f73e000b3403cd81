// SPDX-License-Identifier: EUPL-1.2
import type { Labels } from '../common/reference';
import type { CaseFile } from '../common/types';

/** What every tab of the case page gets. */
export interface CaseTabProps {
  c: CaseFile;
  labels: Labels;
  /** Load the case file again (after a change). */
  reload: () => void;
  /** Announce a result in the page's live region ("Afspraak toegevoegd"). */
  notify: (message: string) => void;
  /** May add journal entries and documents and update own agreements (case open, contributing role). */
  canContribute: boolean;
  /** The user works for the ZVH (sees everything, chooses visibility). */
  zvh: boolean;
  selectTab: (id: string) => void;
}
