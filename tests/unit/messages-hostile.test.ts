/**
 * What the background refuses, beyond tests/unit/background.test.ts: senders that are not our content script in a
 * real tab, and captures that break a cap or carry fields a content script never sends. A page that somehow got a
 * message through must still not be able to store unbounded or malformed data.
 */
import { describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { CAPS } from '../../lib/model/limits';
import { parseMessage } from '../../lib/protocol/schema';
import { checkContentSender } from '../../lib/protocol/sender';
import { makeSnapshot, paragraphs } from './helpers/snapshots';

const EXT = 'palimpsest-id';
const tab = { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false } as const;
const sender = (over: Partial<Runtime.MessageSender> = {}): Runtime.MessageSender => ({
  id: EXT,
  tab: { ...tab },
  frameId: 0,
  url: 'https://news.example/story',
  ...over,
});

describe('senders that are not our content script in a web tab', () => {
  test.each([
    ['no sender id (a web page through externally_connectable)', sender({ id: undefined })],
    ['a tab without an id (TAB_ID_NONE)', sender({ tab: { ...tab, id: -1 } })],
    ['no sender URL', sender({ url: undefined })],
    ['a file: page', sender({ url: 'file:///home/reader/story.html' })],
    ['a data: page', sender({ url: 'data:text/html,<p>story</p>' })],
    ['an about:blank frame', sender({ url: 'about:blank' })],
  ])('%s', (_what, from) => {
    expect(checkContentSender(from, EXT).ok).toBe(false);
  });
});

// The content script sends no key (the background makes it): a snapshot with one is sent without it.
const capture = (snapshot: unknown, extra: Record<string, unknown> = {}) => {
  const { key: _key, ...sent } = snapshot as Record<string, unknown>;
  return parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot: sent, ...extra });
};

describe('captures over a cap', () => {
  test.each([
    ['too many blocks', makeSnapshot({ body: paragraphs(Array.from({ length: CAPS.blocks + 1 }, (_, i) => `Block ${i}`)) })],
    ['too many characters in all', makeSnapshot({ body: paragraphs(Array.from({ length: 21 }, () => 'x'.repeat(CAPS.blockText))) })],
    ['a headline over the short-text cap', makeSnapshot({ headline: 'x'.repeat(CAPS.shortText + 1) })],
    ['a URL over the URL cap', makeSnapshot({ url: 'https://news.example/' + 'a'.repeat(CAPS.url) })],
    ['an empty body', makeSnapshot({ body: [] })],
    ['an empty block', makeSnapshot({ body: [{ kind: 'p', text: '' }] })],
  ])('%s', (_what, snapshot) => {
    expect(capture(snapshot).ok).toBe(false);
  });

  test('exactly at the caps is accepted, flagged truncated as the content script sends it', () => {
    const body = paragraphs(Array.from({ length: 20 }, () => 'x'.repeat(CAPS.blockText)));
    expect(capture(makeSnapshot({ body, truncated: true })).ok).toBe(true);
  });
});

describe('captures with fields a content script never sends', () => {
  test.each([
    ['truncated: false', { ...makeSnapshot(), truncated: false }],
    ['truncated as a string', { ...makeSnapshot(), truncated: 'yes' }],
    ['an unknown block kind', { ...makeSnapshot(), body: [{ kind: 'script', text: 'alert(1)' }] }],
    ['a block with HTML alongside its text', { ...makeSnapshot(), body: [{ kind: 'p', text: 'x', html: '<b>x</b>' }] }],
    ['a javascript: URL', { ...makeSnapshot(), url: 'javascript:alert(1)//https://news.example/' }],
    ['a negative extractor rules version', { ...makeSnapshot(), extractor: { name: 'x', version: '1', rules: -1 } }],
  ])('%s', (_what, snapshot) => {
    expect(capture(snapshot).ok).toBe(false);
  });

  test('a __proto__ key from JSON is an unknown key, not a prototype', () => {
    const raw = JSON.parse(
      `{"type":"capture","captureId":"abcdef0123456789","snapshot":${JSON.stringify(makeSnapshot())},"__proto__":{"ok":true}}`,
    ) as unknown;
    expect(parseMessage(raw).ok).toBe(false);
    expect(({} as { ok?: unknown }).ok).toBeUndefined();
  });

  test('a capture id outside 8..64 characters', () => {
    expect(capture(makeSnapshot(), { captureId: 'x'.repeat(65) }).ok).toBe(false);
  });
});
