// Entry of the options page: pause recording, excluded sites, how long to keep history, and storage used.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HISTORY_PAGE } from '@/lib/view/list';
import '@/components/style.css';
import './options.css';
import { ExcludedSites } from './ExcludedSites';
import { Retention } from './Retention';
import { StorageUsed } from './StorageUsed';
import { useSettings } from './useSettings';

function Options() {
  const [settings, update] = useSettings();
  const historyUrl = browser.runtime.getURL(HISTORY_PAGE);
  return (
    <main class="options">
      <p class="brand">Palimpsest</p>
      <h1>Settings</h1>
      <p class="muted">Everything Palimpsest records stays in this browser. Nothing is sent anywhere.</p>
      {!settings ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <section aria-labelledby="recording">
            <h2 id="recording">Recording</h2>
            <label class="switch">
              <input type="checkbox" checked={settings.paused} onChange={(e) => void update({ paused: e.currentTarget.checked })} />
              Pause recording
            </label>
            <p class="hint">While paused, articles you read are not recorded. What is already stored is kept.</p>
          </section>
          <section aria-labelledby="excluded">
            <h2 id="excluded">Excluded sites</h2>
            <p class="hint">Articles from these sites, and their subdomains, are never recorded.</p>
            <ExcludedSites sites={settings.excludedSites} onChange={(excludedSites) => void update({ excludedSites })} />
          </section>
          <section aria-labelledby="keep">
            <h2 id="keep">History</h2>
            <Retention days={settings.retentionDays} onChange={(retentionDays) => void update({ retentionDays })} />
            <p class="hint">Older visits and versions are removed; the version you saw last is always kept.</p>
          </section>
        </>
      )}
      <section aria-labelledby="storage">
        <h2 id="storage">Storage</h2>
        <StorageUsed />
        <p>
          <a href={historyUrl}>All tracked articles</a> — browse, export or delete your history.
        </p>
      </section>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
