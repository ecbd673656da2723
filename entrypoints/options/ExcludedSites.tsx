// The sites Palimpsest never records: add one (typed as a URL or a host name) or remove it.
import { useState } from 'preact/hooks';
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
      setError('That does not look like a web address or site name.');
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
          Site to exclude
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
        <button type="submit">Exclude site</button>
      </form>
      {error && (
        <p id="site-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      {sites.length === 0 ? (
        <p class="muted">No sites excluded.</p>
      ) : (
        <ul class="sites">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" aria-label={`Stop excluding ${site}`} onClick={() => onChange(sites.filter((s) => s !== site))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
