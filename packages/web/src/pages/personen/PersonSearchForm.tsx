// SPDX-License-Identifier: EUPL-1.2
// The search form of the person index (Personen, and the merge search on a person's page).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, TextField } from '../../ui';

export const MIN_QUERY = 2;

/**
 * A search field (name, BSN or date of birth) with its button. `onSearch` gets the trimmed query
 * once it has at least MIN_QUERY characters; a shorter one shows an error at the field.
 */
export function PersonSearchForm({
  id,
  label,
  searchLabel,
  value,
  onChange,
  onSearch,
}: {
  id: string;
  label: string;
  /** The name of the search landmark. */
  searchLabel: string;
  value: string;
  onChange: (value: string) => void;
  onSearch: (query: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const search = (e: FormEvent) => {
    e.preventDefault();
    const query = value.trim();
    if (query.length < MIN_QUERY) {
      setError(t('personen.errors.query', { min: MIN_QUERY }));
      return;
    }
    setError(undefined);
    onSearch(query);
  };
  return (
    <form className="zvh-cf-filter" role="search" aria-label={searchLabel} noValidate onSubmit={search}>
      <TextField
        id={id}
        label={label}
        description={t('personen.qDescription')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        type="search"
        autoComplete="off"
        maxLength={100}
      />
      <ButtonGroup>
        <Button type="submit">{t('caseFlow.search')}</Button>
      </ButtonGroup>
    </form>
  );
}
