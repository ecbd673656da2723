// The sites Palimpsest never records: add one (typed as a URL or a host name) or remove it.
import { useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import { siteFromInput } from '@/lib/platform/settings';

interface Props {
  sites: readonly string[];
  onChange: (sites: string[]) => void;
}

export function ExcludedSites({ sites, onChange }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const site = siteFromInput(input);
    if (!site) {
      setError(t('siteInvalid'));
      return;
    }
    setError('');
    setInput('');
    if (!sites.includes(site)) onChange([...sites, site].sort());
  };
  return (
    <>
      <form class="add-site" onSubmit={add}>
        <label for="site-input" class="sr-only">
          {t('siteToExclude')}
        </label>
        <input
          id="site-input"
          type="text"
          placeholder="example.com"
          value={input}
          aria-invalid={error !== ''}
          aria-describedby={error ? 'site-error' : undefined}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit">{t('siteExclude')}</button>
      </form>
      {error && (
        <p id="site-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      {sites.length === 0 ? (
        <p class="muted">{t('sitesNone')}</p>
      ) : (
        <ul class="sites">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" aria-label={t('siteStopExcluding', site)} onClick={() => onChange(sites.filter((s) => s !== site))}>
                {t('siteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
