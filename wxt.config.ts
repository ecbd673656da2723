import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// Firefox-only keys go through the manifest function so they never leak into the Chrome manifest.
const GECKO_ID = 'palimpsest@palimpsest.example';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    resolve: {
      // WXT's content-script context talks to the page and obeys it; ours does neither (see the file for why).
      alias: [
        {
          find: /^wxt\/utils\/content-script-context$/,
          replacement: fileURLToPath(new URL('./lib/platform/content-context.ts', import.meta.url)),
        },
      ],
    },
  }),
  manifest: ({ browser }) => ({
    // The words are in public/_locales/<lang>/messages.json; the browser picks the reader's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Private windows are never recorded. Both browsers keep an extension out of them unless the user allows it;
    // "not_allowed" (Firefox 67+, Chrome) removes that choice. The background also checks sender.tab.incognito.
    incognito: 'not_allowed',
    permissions: ['storage', 'unlimitedStorage'],
    // Asked for one origin at a time, only when the reader names a trusted-timestamp service (options page), and
    // given back when they turn it off: https anywhere, or plain http on this computer.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 (the ESR line since mid-2025) is the first desktop release that reads data_collection_permissions,
            // which addons.mozilla.org requires; Firefox for Android reads it from 142.
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['tests/**', 'docs/screenshots/**', '.ci/**', 'bench/**', 'coverage/**'],
  },
});
