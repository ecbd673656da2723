/**
 * What the accessibility tests share across browsers: axe-core run inside an extension page, the history they read
 * (an edited article, an unchanged one), and the probes of focus, reflow and forced colours that both Playwright
 * (Chromium) and puppeteer-core (Firefox) pages can run, since each only needs `evaluate`.
 */
import { createRequire } from 'node:module';
import type { DbDump } from './scenario';
import { changeNumber, HAS_NUMBER, insertSentence, loadFixture, parseHtml, replaceEverywhere, serialize } from '../helpers/fixtures';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. No rule is turned off. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The one method both browsers' page objects share, as far as these tests need it. */
export interface Evaluating {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}
type Loose = { evaluate(fn: unknown, arg?: unknown): Promise<unknown> };

/** Runs axe-core on the whole document and returns its violations, each with the elements it found. */
export async function audit(page: Evaluating): Promise<Violation[]> {
  // Evaluated through the driver, so the extension page's content security policy (script-src 'self') allows it.
  await (page as unknown as Loose).evaluate(axeSource);
  return page.evaluate(async (tags) => {
    type Axe = {
      run(context: Document, options: object): Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
      }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.slice(0, 300)),
    }));
  }, AXE_TAGS);
}

/** The page's focused element, described for an assertion: tag, id, class, name and text. */
export function focused(page: Evaluating): Promise<{ tag: string; id: string; cls: string; name: string; text: string; expanded: string | null } | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      cls: el.getAttribute('class') ?? '',
      // The accessible name as these pages give it: aria-label, else the text.
      name: el.getAttribute('aria-label') ?? (el.textContent ?? '').trim(),
      text: (el.textContent ?? '').trim().slice(0, 200),
      expanded: el.getAttribute('aria-expanded'),
    };
  }, null);
}

/** How far the page scrolls sideways, and the controls that stick out of the viewport (outside data tables). */
export function overflow(page: Evaluating): Promise<{ scrollWidth: number; width: number; cut: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cut: string[] = [];
    for (const el of document.querySelectorAll('a, button, input, select, summary, h1, h2, p, label')) {
      if (el.closest('table.sbs')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1) cut.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, cut };
  }, null);
}

/** Whether the focused element is hidden, even partly, under a sticky or fixed element. */
export function focusObscured(page: Evaluating): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const r = el.getBoundingClientRect();
    for (const other of document.querySelectorAll('body *')) {
      const pos = getComputedStyle(other).position;
      if ((pos !== 'sticky' && pos !== 'fixed') || other.contains(el)) continue;
      const o = other.getBoundingClientRect();
      if (r.top < o.bottom && r.bottom > o.top && r.left < o.right && r.right > o.left) return true;
    }
    return false;
  }, null);
}

export const CHANGED_PATH = '/world/2019/jan/03/whale-strandings';
export const UNCHANGED_PATH = '/news/world-us-canada-33646542';
export const NEW_HEADLINE_PART = 'alarmed by rising number of whale strandings';
export const ADDED_SENTENCE = 'Officials later disputed this account.';

/** The saved page without its publisher's scripts, which here only try to reach the publisher (and, in Firefox, navigate away). */
function withoutScripts(source: string): string {
  const doc = parseHtml(source);
  for (const script of doc.querySelectorAll('script:not([type="application/ld+json"])')) script.remove();
  return serialize(doc);
}

/**
 * The pages a reader meets, served in turn: `visit(path, html)` must open the page and wait until the visit is
 * recorded. Leaves an article with three versions whose last visit saw an edit, and one read twice unchanged.
 */
export async function seedHistory(visit: (path: string, html: string) => Promise<DbDump>): Promise<void> {
  const guardian = withoutScripts(loadFixture('guardian-1').source);
  const first = await visit(CHANGED_PATH, guardian);
  const body = first.versions.find((v) => v.key.endsWith(CHANGED_PATH))!.body.map((b) => b.text);
  const long = body.filter((text) => text.length > 120);
  // A figure corrected early on: a second version.
  const doc = parseHtml(guardian);
  const withNumber = long.find((text) => /^\d+$/.test(HAS_NUMBER.exec(text)?.[0] ?? ''));
  if (withNumber) changeNumber(doc, withNumber);
  await visit(CHANGED_PATH, serialize(doc));
  // Then, deep in the story, a sentence added and the headline sharpened: the third version, far from the first
  // edit, so unchanged paragraphs fold between them.
  insertSentence(doc, long.at(-2)!, ADDED_SENTENCE);
  replaceEverywhere(doc, 'fearful over whale strandings', NEW_HEADLINE_PART);
  await visit(CHANGED_PATH, serialize(doc));

  const bbc = withoutScripts(loadFixture('bbc-1').source);
  await visit(UNCHANGED_PATH, bbc);
  await visit(UNCHANGED_PATH, bbc);
}

/**
 * Controls whose border is what shows where they are (text fields, selects, the fold and version-pick buttons) and
 * whose border contrasts less than 3:1 with what is behind them (WCAG 1.4.11), which axe-core does not check.
 */
export function weakControlBorders(page: Evaluating): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const behind = (el: Element | null): number[] => {
      for (let at = el; at; at = at.parentElement) {
        const c = rgb(getComputedStyle(at).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0.5)) return c.slice(0, 3);
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor);
    };
    const weak: string[] = [];
    for (const el of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=file]), select, button.gap, button.pick')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden]')) continue;
      const a = lum(rgb(style.borderTopColor));
      const b = lum(behind(el.parentElement));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 3) weak.push(`${el.tagName.toLowerCase()}.${el.className} ${ratio.toFixed(2)}:1`);
    }
    return weak;
  }, null);
}
