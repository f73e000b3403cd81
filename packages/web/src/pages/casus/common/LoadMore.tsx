// SPDX-License-Identifier: EUPL-1.2
// Below a paged list (server core/paging): how many of the total are shown and "Meer laden" for
// the next page. The count is a polite live region, so a screen reader hears the new count after
// loading; the button keeps focus and disappears on the last page.
import { useTranslation } from 'react-i18next';
import type { PagedApiState } from '../../../api/useApi';
import { Button, ButtonGroup } from '../../../ui';

export function LoadMore<T>({ list, id }: { list: PagedApiState<T>; id: string }) {
  const { t } = useTranslation();
  const shown = list.data?.length ?? 0;
  if (list.loading || list.total === undefined) return null;
  return (
    <div className="zvh-load-more">
      <p id={`${id}-shown`} aria-live="polite">{t('common.shownOfTotal', { shown, total: list.total })}</p>
      {list.hasMore && (
        <ButtonGroup>
          <Button aria-describedby={`${id}-shown`} busy={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? t('common.loading') : t('common.loadMore')}
          </Button>
        </ButtonGroup>
      )}
    </div>
  );
}
