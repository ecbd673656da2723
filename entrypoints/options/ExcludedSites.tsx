// The sites Palimpsest never records: add one (typed as a URL or a host name) or remove it. Removing a site moves
// focus to the next site's Remove button (or the previous one, or the field when none is left), as the WAI-ARIA
// practices do for deleting from a list, and each change is announced.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import { siteFromInput } from '@/lib/platform/settings';

interface Props {
  sites: readonly string[];
  onChange: (sites: string[]) => void;
}

export function ExcludedSites({ sites, onChange }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  // After a removal: the site whose button takes focus, or '' for the field.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (focusNext === null) return;
    const button = [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-site]') ?? [])].find(
      (b) => b.dataset.site === focusNext,
    );
    (button ?? field.current)?.focus();
    setFocusNext(null);
  }, [sites, focusNext]);

  const add = (event: Event) => {
    event.preventDefault();
    const site = siteFromInput(input);
    if (!site) {
      setError(t('siteInvalid'));
      field.current?.focus();
      return;
    }
    setError('');
    setInput('');
    setSaid(t('siteAdded', site));
    if (!sites.includes(site)) onChange([...sites, site].sort());
  };
  const remove = (index: number) => {
    const site = sites[index]!;
    setFocusNext(sites[index + 1] ?? sites[index - 1] ?? '');
    setSaid(t('siteRemoved', site));
    onChange(sites.filter((s) => s !== site));
  };
  return (
    <>
      <form class="add-site" onSubmit={add} noValidate>
        <label for="site-input">
          {t('siteToExclude')}
        </label>
        <input
          id="site-input"
          ref={field}
          type="text"
          placeholder="example.com"
          autoComplete="off"
          spellcheck={false}
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
      <p class="sr-only" role="status">
        {said}
      </p>
      {sites.length === 0 ? (
        <p class="muted">{t('sitesNone')}</p>
      ) : (
        <ul class="sites" ref={list}>
          {sites.map((site, i) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" data-site={site} aria-label={t('siteStopExcluding', site)} onClick={() => remove(i)}>
                {t('siteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
