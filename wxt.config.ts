import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Firefox-only keys go through the manifest function so they never leak into the Chrome manifest.
const GECKO_ID = 'palimpsest@palimpsest.example';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Palimpsest',
    description: 'See how the news articles you read were edited after publication. Nothing leaves your browser.',
    // Private windows are never recorded: Chrome keeps the extension out of them unless the user allows it,
    // "not_allowed" keeps it out entirely; the background also checks sender.tab.incognito.
    incognito: browser === 'firefox' ? undefined : 'not_allowed',
    permissions: ['storage', 'unlimitedStorage'],
    action: { default_title: 'Palimpsest' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['tests/**', 'docs/screenshots/**', '.ci/**', 'bench/**', 'coverage/**'],
  },
});
