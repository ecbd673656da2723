// Search box, filters and sort order of the article list. The search box waits for a pause in typing.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import type { ChangeKind } from '@/lib/diff/types';
import { FILTER_KINDS, kindName } from '@/lib/view/labels';
import { SORT_KEYS, sortLabel, type ListQuery, type SortKey } from '@/lib/view/list';

const DEBOUNCE_MS = 250;

interface Props {
  query: ListQuery;
  sites: readonly string[];
  onChange: (query: ListQuery) => void;
}

export function ListToolbar({ query, sites, onChange }: Props) {
  const [text, setText] = useState(query.text);
  useEffect(() => {
    if (text === query.text) return;
    const timer = setTimeout(() => onChange({ ...query, text }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, onChange]);

  return (
    <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
      <label class="search">
        <span class="label">{t('searchLabel')}</span>
        <input
          type="search"
          id="search"
          placeholder={t('searchPlaceholder')}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={query.changedOnly}
          onChange={(e) => onChange({ ...query, changedOnly: e.currentTarget.checked })}
        />
        {t('filterChangedOnly')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          id="silent-only"
          checked={query.silentOnly}
          onChange={(e) => onChange({ ...query, silentOnly: e.currentTarget.checked })}
        />
        {t('filterSilentOnly')}
      </label>
      <label>
        <span class="label">{t('filterSite')}</span>
        <select
          value={query.site ?? ''}
          onChange={(e) => onChange({ ...query, site: e.currentTarget.value === '' ? null : e.currentTarget.value })}
        >
          <option value="">{t('filterAllSites')}</option>
          {sites.map((site) => (
            <option key={site} value={site}>
              {site}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="label">{t('filterKind')}</span>
        <select
          id="kind-filter"
          value={query.kind ?? ''}
          onChange={(e) => onChange({ ...query, kind: e.currentTarget.value === '' ? null : (e.currentTarget.value as ChangeKind) })}
        >
          <option value="">{t('filterAnyKind')}</option>
          {FILTER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindName(kind)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="label">{t('sortBy')}</span>
        <select value={query.sort} onChange={(e) => onChange({ ...query, sort: e.currentTarget.value as SortKey })}>
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {sortLabel(key)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
