/**
 * Accessibility of the extension's pages in real headless Chromium (issue 16): axe-core finds no WCAG 2.2 A/AA or
 * best-practice violation on any page and state, light or dark; the keyboard flows keep focus where the WAI-ARIA
 * Authoring Practices put it; the popup and the history page reflow at 320 CSS px; forced colours keep pressed
 * states, insertions, deletions and change bars apart. Screenshots of the reflowed pages go to docs/accessibility.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audit, CHANGED_PATH, overflow, seedHistory, UNCHANGED_PATH, weakControlBorders } from './a11y-audit';
import { excludedSitesFlow, foldFlow, openAndBackFlow, stickyHeaderFlow, timelineFlow } from './a11y-flows';
import { connectOverDevTools, dumpDb, launchWithExtension, visit, waitFor, type DbDump, type ExtensionBrowser } from './chromium';
import { startPageServer, type PageServer } from './server';

const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../../docs/accessibility')
  : path.resolve(import.meta.dirname, '../.artifacts/accessibility');

let browser: ExtensionBrowser;
let server: PageServer;
let changedKey = '';
let changedHeadline = '';

/** Reads the articles of seedHistory in `into`, each visit waited for until it is recorded. */
function seedInto(into: ExtensionBrowser): Promise<void> {
  return seedHistory(async (p, html) => {
    const before = (await dumpDb(await into.worker())).visits.length;
    server.set(p, html);
    const page = await visit(into.context, server.url(p));
    const dump = await waitFor(async () => {
      const d = await dumpDb(await into.worker());
      return d.visits.length > before ? d : null;
    }, `the visit of ${p} to be recorded`);
    await page.close();
    return dump as DbDump;
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startPageServer();
  // A DevTools port, to reach the toolbar button's real popup, which Playwright does not list among the pages.
  browser = await launchWithExtension({ args: ['--remote-debugging-port=0'] });
  await seedInto(browser);
  const dump = await dumpDb(await browser.worker());
  changedKey = dump.articles.find((a) => a.key.endsWith(CHANGED_PATH))!.key;
  changedHeadline = dump.articles.find((a) => a.key.endsWith(CHANGED_PATH))!.headline;
  expect(dump.articles.find((a) => a.key.endsWith(CHANGED_PATH))!.versionCount).toBe(3);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(file: string, ready: string, width = 420, height = 600, on = browser): Promise<Page> {
  const page = await on.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`chrome-extension://${on.extensionId}/${file}`);
  await page.waitForSelector(ready);
  return page;
}

const popupOf = (p: string) => `popup.html?url=${encodeURIComponent(server.url(p))}`;
const STATES: { name: string; file: () => string; ready: string; width?: number; then?: (page: Page) => Promise<void> }[] = [
  { name: 'popup, changed', file: () => popupOf(CHANGED_PATH), ready: 'ins' },
  { name: 'popup, unchanged', file: () => popupOf(UNCHANGED_PATH), ready: '.state-unchanged' },
  { name: 'popup, no record', file: () => popupOf('/never/visited'), ready: '.notice' },
  { name: 'history, list', file: () => 'articles.html', ready: 'table.articles', width: 1200 },
  {
    name: 'history, list of one site, with its delete button',
    file: () => 'articles.html',
    ready: 'table.articles',
    width: 1200,
    then: async (page) => {
      await page.selectOption('.toolbar select >> nth=0', { index: 1 });
      await page.waitForSelector('#delete-site');
    },
  },
  {
    name: 'history, list of silent edits only',
    file: () => 'articles.html',
    ready: 'table.articles',
    width: 1200,
    then: async (page) => {
      await page.check('#silent-only');
      // The seeded edit (a sentence inserted, no note) is a silent one.
      await page.waitForSelector('table.articles .row-labels .tag-silent');
    },
  },
  { name: 'history, inline detail', file: () => `articles.html#${encodeURIComponent(changedKey)}`, ready: '.diff', width: 1200 },
  {
    name: 'history, side-by-side detail',
    file: () => `articles.html#${encodeURIComponent(changedKey)}`,
    ready: '.diff',
    width: 1200,
    then: async (page) => {
      await page.getByRole('button', { name: 'Side by side' }).click();
      await page.waitForSelector('table.sbs');
    },
  },
  { name: 'options', file: () => 'options.html', ready: '.usage', width: 800 },
  { name: 'verify page', file: () => 'verify.html', ready: '#verify-file', width: 800 },
];

describe('axe-core finds no violation', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const state of STATES) {
      test(`${state.name}, ${scheme}`, async () => {
        const page = await open(state.file(), state.ready, state.width);
        await page.emulateMedia({ colorScheme: scheme });
        await state.then?.(page);
        expect(await audit(page)).toEqual([]);
        await page.close();
      });
    }
  }
});

describe('the keyboard', () => {
  test('a fold opens and closes in place, focus staying on its button', async () => {
    const page = await open(popupOf(CHANGED_PATH), 'button.gap');
    await foldFlow(page);
    await page.close();
  });

  test('opening an article moves focus to its headline; going back returns focus to its link', async () => {
    const page = await open('articles.html', 'table.articles', 1200, 800);
    await openAndBackFlow(page, changedKey, changedHeadline);
    await page.close();
  });

  test('Tab walks the version picks in reading order; arrows never collapse the comparison', async () => {
    const page = await open(`articles.html#${encodeURIComponent(changedKey)}`, '.timeline', 1200, 800);
    await timelineFlow(page);
    await page.close();
  });

  test('going backwards through the popup, no focused element hides under the sticky header', async () => {
    const page = await open(popupOf(CHANGED_PATH), 'ins', 420, 600);
    await stickyHeaderFlow(page);
    await page.close();
  });

  test('the options page refuses a non-site; removing a site moves focus to its neighbour', async () => {
    const page = await open('options.html', '.usage', 800, 900);
    type Local = { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    const stored = async () => {
      const { settings } = await (await browser.worker()).evaluate(() =>
        (globalThis as unknown as Local).chrome.storage.local.get('settings'),
      );
      return (settings as { excludedSites: string[] } | undefined)?.excludedSites ?? [];
    };
    await excludedSitesFlow(page, stored);
    await page.close();
  });
});

describe('reflow and contrast', () => {
  const REFLOW: { name: string; file: () => string; ready: string; shot: string; then?: (page: Page) => Promise<void> }[] = [
    { name: 'the popup of an edited article', file: () => popupOf(CHANGED_PATH), ready: 'ins', shot: 'popup-320.png' },
    { name: 'the popup of an unchanged article', file: () => popupOf(UNCHANGED_PATH), ready: '.state-unchanged', shot: '' },
    { name: 'the history list', file: () => 'articles.html', ready: 'table.articles', shot: 'history-320.png' },
    { name: 'an article on the history page', file: () => `articles.html#${encodeURIComponent(changedKey)}`, ready: '.diff', shot: 'history-detail-320.png' },
    {
      name: 'an article side by side',
      file: () => `articles.html#${encodeURIComponent(changedKey)}`,
      ready: '.diff',
      shot: '',
      then: async (page) => {
        await page.getByRole('button', { name: 'Side by side' }).click();
        await page.waitForSelector('table.sbs');
      },
    },
    { name: 'the options page', file: () => 'options.html', ready: '.usage', shot: '' },
    { name: 'the verify page', file: () => 'verify.html', ready: '#verify-file', shot: '' },
  ];
  for (const state of REFLOW) {
    test(`${state.name} fits 320 CSS px (400% zoom of 1280) without sideways scrolling`, async () => {
      const page = await open(state.file(), state.ready, 320, 640);
      await state.then?.(page);
      expect(await overflow(page)).toEqual({ scrollWidth: 320, width: 320, cut: [] });
      if (state.shot) await page.screenshot({ path: path.join(SHOTS, state.shot), fullPage: true });
      await page.close();
    });
  }

  test('control borders contrast 3:1 with what is behind them, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [file, ready] of [[popupOf(CHANGED_PATH), 'button.gap'], ['articles.html', '#search'], ['options.html', '#site-input']] as const) {
        const page = await open(file, ready, 1000, 800);
        await page.emulateMedia({ colorScheme: scheme });
        expect(await weakControlBorders(page), `${file}, ${scheme}`).toEqual([]);
        await page.close();
      }
    }
  });
});

describe('the toolbar button', () => {
  test('its popup has a width of its own, the browser sizes the window to it, and axe finds nothing', async () => {
    // Revisiting the unchanged article keeps every other test's state as it was.
    const tab = await visit(browser.context, server.url(UNCHANGED_PATH));
    await tab.bringToFront();
    await (await browser.worker()).evaluate(() => chrome.action.openPopup());
    const cdp = await connectOverDevTools(browser.profileDir);
    const popup = await waitFor(
      async () => cdp.contexts().flatMap((c) => c.pages()).find((p) => p.url().endsWith('/popup.html')),
      'the toolbar popup',
    );
    await popup.waitForSelector('.state-unchanged');
    const size = await popup.evaluate(() => ({
      toolbar: document.documentElement.classList.contains('toolbar-popup'),
      body: document.body.getBoundingClientRect().width,
      viewport: document.documentElement.clientWidth,
      scroll: document.documentElement.scrollWidth,
    }));
    expect(size).toMatchObject({ toolbar: true, body: 400 });
    expect(size.viewport).toBeGreaterThanOrEqual(400);
    expect(size.scroll).toBeLessThanOrEqual(size.viewport);
    expect(await audit(popup)).toEqual([]);
    await popup.close();
    await cdp.close();
    await tab.close();
  });
});

describe('forced colours (high contrast)', () => {
  test('pressed toggles, insertions, deletions and change bars stay distinguishable', async () => {
    const page = await open(`articles.html#${encodeURIComponent(changedKey)}`, '.diff', 1200, 900);
    await page.emulateMedia({ forcedColors: 'active' });
    await page.getByRole('button', { name: 'Show full article' }).click();
    const looks = await page.evaluate(() => {
      const look = (el: Element | null) => {
        if (!el) return null;
        const s = getComputedStyle(el);
        return [s.backgroundColor, s.color, s.borderTopColor, s.borderTopWidth, s.outlineStyle].join(' ');
      };
      const [pressed, unpressed] = [document.querySelector('button[aria-pressed=true]'), document.querySelector('button[aria-pressed=false]')];
      // Every deletion right before an insertion: a visible gap between them, and different lines.
      const pairs = [...document.querySelectorAll('del')].flatMap((del) => {
        const next = del.nextSibling;
        const ins = next instanceof HTMLElement && next.tagName === 'INS' ? next : null;
        if (!ins) return [];
        // Where the deletion ends and the insertion starts (each may wrap over several lines).
        const [a, b] = [[...del.getClientRects()].at(-1)!, ins.getClientRects()[0]!];
        const sameLine = Math.abs(a.top - b.top) < 2;
        return [{ gap: sameLine ? b.left - a.right : 99, del: getComputedStyle(del).textDecorationLine, ins: getComputedStyle(ins).textDecorationLine }];
      });
      // The change bars of each kind, drawn in the stylesheet's own way even where this comparison has none.
      const bars = ['block-added', 'block-removed', 'block-edited', 'block-moved'].map((cls) => {
        const probe = document.createElement('p');
        probe.className = `block ${cls}`;
        document.querySelector('.diff-body')!.append(probe);
        const s = getComputedStyle(probe);
        const bar = `${s.borderLeftStyle} ${s.borderLeftWidth}`;
        probe.remove();
        return bar;
      });
      return { pressed: look(pressed), unpressed: look(unpressed), pairs, bars, forced: matchMedia('(forced-colors: active)').matches };
    });
    expect(looks.forced).toBe(true);
    expect(looks.pressed).not.toBeNull();
    expect(looks.pressed).not.toBe(looks.unpressed);
    expect(looks.pairs.length).toBeGreaterThan(0);
    for (const pair of looks.pairs) {
      expect(pair.gap).toBeGreaterThan(2);
      expect([pair.del, pair.ins]).toEqual(['line-through', 'underline']);
    }
    expect(new Set(looks.bars).size).toBe(4);
    await page.screenshot({ path: path.join(SHOTS, 'forced-colours.png') });
    await page.close();
  });
});

describe('in German, whose words run about a third longer', () => {
  let de: ExtensionBrowser;
  beforeAll(async () => {
    de = await launchWithExtension({ args: ['--lang=de'] });
    await seedInto(de);
  }, 180_000);
  afterAll(async () => {
    await de?.close();
  });

  test('every page fits 320 CSS px and passes axe', async () => {
    const key = (await dumpDb(await de.worker())).articles.find((a) => a.key.endsWith(CHANGED_PATH))!.key;
    for (const [file, ready] of [
      [popupOf(CHANGED_PATH), 'ins'],
      ['articles.html', 'table.articles'],
      [`articles.html#${encodeURIComponent(key)}`, '.diff'],
      ['options.html', '.usage'],
    ] as const) {
      const page = await open(file, ready, 320, 640, de);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await overflow(page), file).toEqual({ scrollWidth: 320, width: 320, cut: [] });
      expect(await audit(page), file).toEqual([]);
      await page.close();
    }
  });
});
