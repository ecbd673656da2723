/**
 * Pages for tests/e2e/hostile-content.test.ts: an ordinary story whose own script can move to the next story in
 * place (history.pushState with new text, as single-page news sites do), record every window message it receives,
 * and forge the signals WXT's content-script context obeys.
 */
import { PARAGRAPHS } from '../unit/helpers/snapshots';

export const storyHeadline = (n: number) => `Harbour authority publishes report number ${n} on the storm damage`;
const storyParagraphs = (n: number) => PARAGRAPHS.map((text) => `Report ${n}: ${text}`);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Story 1 of a page whose stories live under `base` (e.g. "/flood/"); window.goStory(n) moves to story n in place. */
export function storyPage(base: string, options: { head?: string; script?: string } = {}): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(storyHeadline(1))}</title>
<meta property="og:type" content="article"><meta property="og:title" content="${escape(storyHeadline(1))}">
<meta property="article:published_time" content="2024-05-01T09:00:00Z">${options.head ?? ''}</head>
<body><header><a href="/">Harbour News</a></header>
<article><h1>${escape(storyHeadline(1))}</h1>${storyParagraphs(1).map((t) => `<p>${escape(t)}</p>`).join('\n')}</article>
<footer>© Harbour News</footer>
<script>
window.__messages = [];
// A page that listens to everything: each window message it receives, as text.
window.addEventListener('message', (event) => {
  let text;
  try { text = JSON.stringify(event.data); } catch { text = String(event.data); }
  window.__messages.push(text);
});
const paragraphs = ${JSON.stringify(PARAGRAPHS)};
window.goStory = (n) => {
  const headline = ${JSON.stringify(storyHeadline(0))}.replace('number 0', 'number ' + n);
  history.pushState({}, '', ${JSON.stringify(base)} + 'story-' + n);
  document.title = headline;
  document.querySelector('meta[property="og:title"]').content = headline;
  document.querySelector('article').innerHTML = '<h1></h1>' + paragraphs.map(() => '<p></p>').join('');
  document.querySelector('article h1').textContent = headline;
  document.querySelectorAll('article p').forEach((p, i) => (p.textContent = 'Report ' + n + ': ' + paragraphs[i]));
};
${options.script ?? ''}
</script></body></html>`;
}

/**
 * Answers WXT's announcement ("<extension id>:content:wxt:content-script-started", posted to the window) with the
 * CustomEvent that stops WXT's context; forgeKnown(id) does the same for a page that knows the extension's id.
 */
export const ANSWER_ANNOUNCEMENT = `
const stop = (type, name) =>
  document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: name, messageId: 'forged-by-page' } }));
window.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (typeof type === 'string' && type.includes('content-script-started')) stop(type, event.data.contentScriptName);
});
window.forgeKnown = (id) => stop(id + ':content:wxt:content-script-started', 'content');`;

/** Dispatches WXT's location-change event, under its plain and its extension-specific name, every 50 ms. */
export const SPAM_LOCATIONCHANGE = `
window.spam = (id) => setInterval(() => {
  window.dispatchEvent(new Event(id + ':content:wxt:locationchange'));
  window.dispatchEvent(new Event('wxt:locationchange'));
  window.dispatchEvent(new PopStateEvent('popstate'));
}, 50);`;

/** Marks the document when the browser restores it from the back/forward cache. */
export const MARK_RESTORE = `<script>addEventListener('pageshow', (e) => { if (e.persisted) document.documentElement.dataset.restored = 'yes'; });</script>`;
