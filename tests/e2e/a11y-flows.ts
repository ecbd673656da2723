/**
 * The keyboard flows of issue 16, written once for both browsers: each takes a page that can evaluate and press keys
 * (a Playwright page in Chromium, a puppeteer-core page in Firefox) and acts as a keyboard user would, with Tab,
 * Shift+Tab and Enter, asserting where focus lands after each step.
 */
import { expect } from 'vitest';
import { focused, focusObscured, type Evaluating } from './a11y-audit';

export interface KeyPage extends Evaluating {
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void>; down(key: string): Promise<void>; up(key: string): Promise<void> };
}
type Focus = NonNullable<Awaited<ReturnType<typeof focused>>>;

async function settle(page: Evaluating): Promise<void> {
  // Two frames: Preact renders and effects (focus moves) run before the next probe.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))), null);
}

/** Presses Tab (or Shift+Tab) until the focused element satisfies `want`; fails after `max` presses. */
export async function tabUntil(page: KeyPage, want: (f: Focus) => boolean, what: string, { back = false, max = 120 } = {}): Promise<Focus> {
  for (let i = 0; i < max; i++) {
    if (back) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (back) await page.keyboard.up('Shift');
    const f = await focused(page);
    if (f && want(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The "… N unchanged paragraphs" button is a disclosure: Enter opens it in place, focus stays, Enter closes it. */
export async function foldFlow(page: KeyPage): Promise<void> {
  const before = await page.evaluate(() => document.querySelectorAll('.diff-body > .block').length, null);
  await tabUntil(page, (f) => f.cls.includes('gap'), 'the first fold');
  await page.keyboard.press('Enter');
  await settle(page);
  const open = await focused(page);
  expect(open).toMatchObject({ tag: 'button', cls: 'gap', expanded: 'true' });
  expect(open!.text).toMatch(/^Hide \d+ unchanged paragraph/);
  expect(await page.evaluate(() => document.querySelectorAll('.diff-body > .block').length, null)).toBeGreaterThan(before);
  await page.keyboard.press('Enter');
  await settle(page);
  expect(await focused(page)).toMatchObject({ tag: 'button', cls: 'gap', expanded: 'false' });
  expect(await page.evaluate(() => document.querySelectorAll('.diff-body > .block').length, null)).toBe(before);
}

/**
 * From the list, Enter on an article's link opens it: focus on its headline, now the page's only h1, and the title
 * says which article; "All tracked articles" brings focus back to that article's link and the list's h1.
 */
export async function openAndBackFlow(page: KeyPage, key: string, headline: string): Promise<void> {
  await tabUntil(page, (f) => f.tag === 'a' && f.name.startsWith('3 versions'), 'the versions link of the edited article');
  await page.keyboard.press('Enter');
  const opened = await until(async () => {
    const f = await focused(page);
    return f?.tag === 'h1' ? f : null;
  }, 'focus on the article headline');
  expect(opened.text).toBe(headline);
  const page1 = await page.evaluate(() => ({ title: document.title, h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent) }), null);
  expect(page1).toEqual({ title: `${headline} · Palimpsest`, h1s: [headline] });
  // The next Tab goes on from the headline into the article, not back to the top of the page.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: expect.stringMatching(/^Open the article/) });

  await tabUntil(page, (f) => f.tag === 'a' && f.text.includes('All tracked articles'), 'the back link', { back: true });
  await page.keyboard.press('Enter');
  const back = await until(async () => {
    const f = await focused(page);
    return f?.tag === 'a' && f.name.startsWith('3 versions') ? f : null;
  }, 'focus back on the article link');
  expect(back.name).toContain(headline);
  const page2 = await page.evaluate(() => ({ title: document.title, h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent), key: (document.activeElement as HTMLElement).dataset.articleKey }), null);
  expect(page2).toEqual({ title: 'Palimpsest · Tracked articles', h1s: ['Tracked articles'], key });
}

/** Tab walks the timeline's version picks in reading order, and no key press collapses two versions into one. */
export async function timelineFlow(page: KeyPage): Promise<void> {
  const picks = await page.evaluate(() => document.querySelectorAll('.timeline button.pick').length, null);
  expect(picks).toBeGreaterThan(1);
  const rects: { top: number; left: number; name: string }[] = [];
  const where = () =>
    page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return { top: r.top + scrollY, left: r.left, name: (document.activeElement!.textContent ?? '').trim() };
    }, null);
  await tabUntil(page, (x) => x.cls === 'pick', 'the first version pick');
  rects.push(await where());
  // Only as far as the last pick: Tab past the end of the page would leave it for the browser's own controls.
  for (let i = 1; i < picks; i++) {
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ cls: 'pick' });
    rects.push(await where());
  }
  for (let i = 1; i < rects.length; i++) {
    const [a, b] = [rects[i - 1]!, rects[i]!];
    // Same row, left to right; or a row further down.
    expect(b.top > a.top + 1 || (Math.abs(b.top - a.top) <= 1 && b.left > a.left), `${a.name} then ${b.name}`).toBe(true);
  }
  const pair = () => page.evaluate(() => document.querySelector('.compare-pair')?.textContent ?? '', null);
  const shown = await pair();
  expect(shown).toMatch(/^v2 .*→ v3 /);
  for (const key of ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End']) await page.keyboard.press(key);
  expect(await pair()).toBe(shown);
  // The last pick, in the oldest row, compares version 1 with the same newer version.
  expect(await focused(page)).toMatchObject({ name: 'Compare from version 1' });
  await page.keyboard.press('Enter');
  await until(async () => /^v1 .*→ v3 /.test(await pair()), 'the comparison of v1 with v3');
}

/** Moving backwards through the popup, nothing focused is hidden under its sticky header. */
export async function stickyHeaderFlow(page: KeyPage): Promise<void> {
  const stops = await page.evaluate(() => document.querySelectorAll('a[href], button, summary, input').length, null);
  await page.keyboard.press('Tab');
  const first = await focused(page);
  for (let i = 1; i < stops; i++) await page.keyboard.press('Tab');
  let checked = 0;
  let last = null;
  for (let i = 0; i < stops; i++) {
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    await settle(page);
    const f = await focused(page);
    if (!f) continue;
    expect(await focusObscured(page), `${f.tag} "${f.text.slice(0, 40)}" is under the header`).toBe(false);
    last = f;
    checked++;
  }
  expect(checked).toBeGreaterThan(5);
  // The walk got all the way back to the first stop (which may sit in the sticky header itself, so the page need not
  // scroll back to its top to show it).
  expect(last).toEqual(first);
}

/**
 * The options page refuses what is not a site, with an error announced and nothing stored; removing a site moves
 * focus to the next site's Remove button, then the previous one, then the field.
 */
export async function excludedSitesFlow(page: KeyPage, stored: () => Promise<string[]>): Promise<void> {
  const type = async (text: string) => {
    await page.evaluate(() => (document.getElementById('site-input') as HTMLInputElement).focus(), null);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await settle(page);
  };
  await type('not a site!!');
  const invalid = await page.evaluate(() => ({
    error: document.getElementById('site-error')?.textContent ?? null,
    role: document.getElementById('site-error')?.getAttribute('role') ?? null,
    invalid: document.getElementById('site-input')!.getAttribute('aria-invalid'),
    listed: document.querySelectorAll('.sites li').length,
  }), null);
  expect(invalid).toEqual({ error: expect.stringMatching(/does not look like/), role: 'alert', invalid: 'true', listed: 0 });
  expect(await stored()).toEqual([]);
  await page.evaluate(() => void ((document.getElementById('site-input') as HTMLInputElement).value = ''), null);
  for (const site of ['alpha.example', 'beta.example', 'gamma.example']) {
    await page.evaluate(() => {
      const input = document.getElementById('site-input') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, null);
    await type(site);
  }
  await until(async () => (await stored()).length === 3, 'three excluded sites stored');

  const removeAndLand = async (site: string) => {
    const want = (f: Focus | null) => f?.name === `Stop excluding ${site}`;
    if (!want(await focused(page))) await tabUntil(page, want, `Remove ${site}`, { max: 30 });
    await page.keyboard.press('Enter');
    await until(async () => !(await stored()).includes(site), `${site} removed`);
    await settle(page);
    return focused(page);
  };
  await page.evaluate(() => (document.getElementById('site-input') as HTMLInputElement).focus(), null);
  expect(await removeAndLand('beta.example')).toMatchObject({ name: 'Stop excluding gamma.example' });
  expect(await removeAndLand('gamma.example')).toMatchObject({ name: 'Stop excluding alpha.example' });
  expect(await removeAndLand('alpha.example')).toMatchObject({ id: 'site-input' });
  expect(await page.evaluate(() => document.querySelector('[role=status]')?.textContent ?? '', null)).toBe('alpha.example is recorded again.');
  expect(await stored()).toEqual([]);
}
