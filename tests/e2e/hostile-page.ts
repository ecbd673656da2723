/**
 * Pages built to attack the extension, for tests/e2e/hostile.test.ts: an article whose text is markup, script,
 * javascript: URLs, bidi overrides and a 1 MB line (all as TEXT, escaped, so the article literally says them), and
 * an ordinary article whose own script forges captures.
 */
import { PARAGRAPHS } from '../unit/helpers/snapshots';

export const IMG = '<img src=x onerror="window.__pwned=1">';
export const SCRIPT = '<script>window.__pwned=1</script>';
export const JS_URL = 'javascript:alert(1)';
/** RIGHT-TO-LEFT OVERRIDE: makes "gnp.exe" display as "exe.png". */
export const BIDI = '\u202Egnp.exe';
export const HEADLINE = `Council vote ${IMG} ${SCRIPT} sparks row`;
export const BYLINE = `By Jane Doe ${SCRIPT}`;
export const HOSTILE_PARAGRAPH = `Residents wrote ${IMG} and ${SCRIPT} on the petition, and linked ${JS_URL} as well as ${BIDI} in the thread.`;
export const LONG_LINE = 'The longest line. '.repeat(58_255);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function article(head: string, title: string, byline: string, paragraphs: string[], extra = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta property="og:type" content="article"><meta property="og:title" content="${escapeHtml(title)}">
<meta name="author" content="${escapeHtml(byline)}">
<meta property="article:published_time" content="2024-05-01T09:00:00Z">${head}</head>
<body><header><a href="/">Example News</a></header>
<article><h1>${escapeHtml(title)}</h1><p class="byline">${escapeHtml(byline)}</p>
${paragraphs.join('\n')}
</article>${extra}<footer>© Example News</footer></body></html>`;
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** Every hostile string as escaped text; the only live markup is one real javascript: link. */
export function hostileArticle(): string {
  return article('', HEADLINE, BYLINE, [
    ...PARAGRAPHS.slice(0, 4).map(p),
    p(HOSTILE_PARAGRAPH),
    `<p>Campaigners also posted <a href="${JS_URL}">${escapeHtml(JS_URL)}</a> in a comment.</p>`,
    ...PARAGRAPHS.slice(4).map(p),
    p(LONG_LINE),
  ]);
}

export const FORGED_KEY = 'https://victim.example/2024/forged-story';
export const FORGED_TEXT = 'This sentence was forged by the page itself.';

/**
 * An ordinary article whose page script, when the test calls window.forge(), tries every way a page could reach
 * the history: window messages shaped like captures, forged DOM events (including the one WXT uses for
 * single-page navigation), chrome.runtime if it were exposed, and an edit of its own text. Returns what it found.
 */
export function forgingArticle(extensionId: string): string {
  const script = `<script>
window.forge = () => {
  const snapshot = { url: ${JSON.stringify(FORGED_KEY)}, key: ${JSON.stringify(FORGED_KEY)}, canonicalUrl: null,
    siteName: 'Forged', headline: 'Forged headline', dek: null, byline: null, publishedTime: null, modifiedTime: null,
    lang: 'en', liveBlog: false, body: [{ kind: 'p', text: ${JSON.stringify(FORGED_TEXT)} }],
    extractor: { name: '@mozilla/readability', version: '0.6.0', rules: 1 } };
  const message = { type: 'capture', captureId: 'forged-capture-0001', snapshot };
  window.postMessage(message, '*');
  window.postMessage({ type: 'clear-history' }, '*');
  document.dispatchEvent(new CustomEvent('capture', { detail: message }));
  const extra = document.createElement('p');
  extra.textContent = ${JSON.stringify(FORGED_TEXT)};
  document.querySelector('article').append(extra);
  window.dispatchEvent(new Event('wxt:locationchange'));
  window.dispatchEvent(new PopStateEvent('popstate'));
  let runtime = 'absent';
  try {
    if (typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.sendMessage) {
      runtime = 'present';
      chrome.runtime.sendMessage(${JSON.stringify(extensionId)}, message, () => void chrome.runtime.lastError);
    }
  } catch (error) {
    runtime = 'threw: ' + error;
  }
  return runtime;
};
</script>`;
  return article(script, 'Harbour Bridge to close for three weeks', 'By Jonas Lindqvist', PARAGRAPHS.map(p));
}

/** The same article on a later page view, edited by the newsroom: the sentence is really there now. */
export function editedForgingArticle(extensionId: string): string {
  return forgingArticle(extensionId).replace('</article>', `${p(FORGED_TEXT)}</article>`);
}
