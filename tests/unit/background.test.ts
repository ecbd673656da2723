/**
 * The background's decisions, in Node: who may send what, what a capture records and what the badge says, the
 * reader's settings, and retention.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Runtime } from 'webextension-polyfill';
import { badgeFor, describeChanges, formatVisit } from '../../lib/view/badge';
import { handleCapture, pageUrl } from '../../lib/service/capture';
import { CAPS } from '../../lib/model/limits';
import type { PageCapture } from '../../lib/model/snapshot';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { exportHistory, serializeExport } from '../../lib/transfer/export';
import { countRecords, getVersions, getVisits } from '../../lib/store/read';
import { parseImport } from '../../lib/transfer/parse';
import { parseMessage } from '../../lib/protocol/schema';
import { createPruner } from '../../lib/service/retention';
import { checkContentSender, checkExtensionPageSender } from '../../lib/protocol/sender';
import { DEFAULT_SETTINGS, isExcluded, originPattern, settingsItem, siteFromInput, tsaUrlFromInput, type Settings } from '../../lib/platform/settings';
import { captureOf, ARTICLE_KEY, PARAGRAPHS, makeSnapshot, paragraphs } from './helpers/snapshots';

const EXT = 'palimpsest-id';
const tab = { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false } as const;
const contentSender = (over: Partial<Runtime.MessageSender> = {}): Runtime.MessageSender => ({
  id: EXT,
  tab: { ...tab },
  frameId: 0,
  url: 'https://news.example/story',
  ...over,
});

describe('senders', () => {
  test('captures are accepted only from our content script in the top frame of a normal web tab', () => {
    expect(checkContentSender(contentSender(), EXT).ok).toBe(true);
    expect(checkContentSender(contentSender({ id: 'other-extension' }), EXT).ok).toBe(false);
    expect(checkContentSender(contentSender({ tab: undefined }), EXT).ok).toBe(false);
    expect(checkContentSender(contentSender({ frameId: 3 }), EXT).ok).toBe(false);
    expect(checkContentSender(contentSender({ url: 'chrome-extension://palimpsest-id/popup.html' }), EXT).ok).toBe(false);
    expect(checkContentSender(contentSender({ tab: { ...tab, incognito: true } }), EXT)).toMatchObject({
      ok: false,
      reason: 'private',
    });
  });

  test('clear, import and delete are accepted only from the extension’s own pages', () => {
    const origin = 'chrome-extension://palimpsest-id/';
    const page = { id: EXT, url: 'chrome-extension://palimpsest-id/history.html' };
    expect(checkExtensionPageSender(page, EXT, origin).ok).toBe(true);
    expect(checkExtensionPageSender(contentSender(), EXT, origin).ok).toBe(false);
    expect(checkExtensionPageSender({ id: EXT, url: 'chrome-extension://palimpsest-id.evil/x' }, EXT, origin).ok).toBe(false);
  });
});

describe('message schema', () => {
  test('accepts a real capture and rejects forged or oversized ones', () => {
    const snapshot = captureOf(makeSnapshot());
    expect(parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot }).ok).toBe(true);
    // The key is the background's to make: a capture carrying one is not what the content script sends.
    expect(parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot: makeSnapshot() }).ok).toBe(false);
    expect(parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot, extra: 1 }).ok).toBe(false);
    expect(parseMessage({ type: 'capture', captureId: 'x', snapshot }).ok).toBe(false);
    const huge = { ...snapshot, body: [{ kind: 'p', text: 'x'.repeat(100_001) }] };
    const result = parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot: huge });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/^snapshot\.body\.0\.text: /);
    expect(parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot: { ...snapshot, url: 'javascript:alert(1)' } }).ok).toBe(false);
    expect(parseMessage({ type: 'drop-tables' }).ok).toBe(false);
    expect(parseMessage('capture').ok).toBe(false);
  });
});

describe('badge wording', () => {
  const summary = { headline: true, dek: false, byline: false, added: 1, removed: 0, edited: 2, moved: 0, numbers: [], text: '' };
  test('says what changed and since when', () => {
    expect(describeChanges(summary)).toBe('Headline and 3 paragraphs');
    expect(describeChanges({ ...summary, headline: false, edited: 0 })).toBe('1 paragraph');
    const visit = Date.UTC(2026, 10, 22, 14, 5);
    const badge = badgeFor({ kind: 'changed', seq: 2, baselineSeq: 1, baselineVisit: visit }, summary, 4);
    expect(badge).toMatchObject({ text: '4' });
    expect(badge!.title).toBe(`Palimpsest: Headline and 3 paragraphs changed since your visit on ${formatVisit(visit)}`);
    expect(formatVisit(visit)).toMatch(/^\d{1,2} Nov, \d{2}:\d{2}$/);
  });
  test('no badge for first, unchanged, partial and live-blog updates', () => {
    expect(badgeFor({ kind: 'first', seq: 1 }, null, 0)).toBeNull();
    expect(badgeFor({ kind: 'unchanged', seq: 1, since: 0 }, null, 0)).toBeNull();
    expect(badgeFor({ kind: 'partial', seq: 2, baselineSeq: 1, baselineVisit: 0 }, null, 0)).toBeNull();
    expect(badgeFor({ kind: 'liveblog-update', seq: 2, baselineSeq: 1, baselineVisit: 0, newEntries: 2 }, null, 0)).toBeNull();
  });
});

describe('capture service', () => {
  let db: PalimpsestDB;
  beforeEach(async () => {
    db = await openHistoryDb('capture-service', new IDBFactory());
  });
  const capture = (snapshot: PageCapture = makeSnapshot(), settings: Settings = DEFAULT_SETTINGS, url = `${ARTICLE_KEY}?utm_medium=x`) =>
    handleCapture(db, { snapshot, captureId: crypto.randomUUID(), senderUrl: url, settings, now: Date.now() });

  test('makes the key itself, answers with it, and refuses a URL whose key is longer than the store takes', async () => {
    const result = await capture(captureOf(makeSnapshot()));
    expect(result.reply).toMatchObject({ ok: true, key: 'example-news.com/world/2024/harbour-bridge-closure' });
    const long = `https://www.example-news.com/${'a'.repeat(CAPS.key)}`;
    const refused = await capture(captureOf(makeSnapshot({ url: long, canonicalUrl: null, ogUrl: null })), DEFAULT_SETTINGS, long);
    expect(refused.reply).toMatchObject({ ok: false, reason: 'invalid' });
  });

  test('takes the URL from the sender, not the payload', async () => {
    const forged = makeSnapshot({ url: 'https://victim.example/other', key: 'victim.example/other' });
    const result = await capture(forged, DEFAULT_SETTINGS, 'https://www.example-news.com/world/2024/harbour-bridge-closure');
    expect(result.reply.ok).toBe(true);
    const visits = await getVisits(db, 'example-news.com/world/2024/harbour-bridge-closure');
    expect(visits).toHaveLength(1);
    expect(await getVisits(db, 'victim.example/other')).toHaveLength(0);
  });

  test('a same-origin URL from the page is used (single-page navigation), any other is not', () => {
    expect(pageUrl('https://news.example/b', 'https://news.example/a')).toBe('https://news.example/b');
    expect(pageUrl('https://evil.example/b', 'https://news.example/a')).toBe('https://news.example/a');
    expect(pageUrl('http://news.example/b', 'https://news.example/a')).toBe('https://news.example/a');
    expect(pageUrl('not a url', 'https://news.example/a')).toBe('https://news.example/a');
  });

  test('an edit gives a badge counting the changed blocks', async () => {
    await capture();
    const edited = [...PARAGRAPHS];
    edited[2] = `${edited[2]} A spokesman later denied this.`;
    const result = await capture(makeSnapshot({ body: paragraphs(edited) }));
    expect(result.reply).toMatchObject({ ok: true, outcome: { kind: 'changed' } });
    expect(result.badge?.text).toBe('1');
    expect(result.badge?.title).toMatch(/^Palimpsest: 1 paragraph changed since your visit on /);
  });

  test("a revert's badge compares the baseline with the stored version the page went back to", async () => {
    await capture();
    const edited = [...PARAGRAPHS];
    edited[2] = `${edited[2]} A spokesman later denied this.`;
    await capture(makeSnapshot({ body: paragraphs(edited) }));
    // The original again, plus page furniture the comparison ignores: the same version as the first.
    const result = await capture(makeSnapshot({ body: [...paragraphs(PARAGRAPHS), { kind: 'p', text: 'Advertisement' }] }));
    expect(result.reply).toMatchObject({ ok: true, outcome: { kind: 'revert', seq: 1, baselineSeq: 2 } });
    expect(result.badge?.text).toBe('1');
    expect(result.badge?.title).toMatch(/^Palimpsest: reverted to version 1 since your visit on .* \(1 paragraph differ\)$/);
  });

  test('a retried capture gets the badge its first attempt got', async () => {
    await capture();
    const edited = [...PARAGRAPHS];
    edited[2] = `${edited[2]} A spokesman later denied this.`;
    const input = {
      snapshot: makeSnapshot({ body: paragraphs(edited) }),
      captureId: 'retried',
      senderUrl: ARTICLE_KEY,
      settings: DEFAULT_SETTINGS,
      now: Date.now(),
    };
    const first = await handleCapture(db, input);
    const retry = await handleCapture(db, input);
    expect(retry.reply).toMatchObject({ ok: true, outcome: { kind: 'changed', duplicate: true } });
    expect(retry.badge).toEqual(first.badge);
    expect(first.badge?.text).toBe('1');
  });

  test('a capture cut to the caps is stored, exported and re-imported flagged as too large', async () => {
    await capture(makeSnapshot({ truncated: true }));
    const [version] = await getVersions(db, 'example-news.com/world/2024/harbour-bridge-closure');
    expect(version?.truncated).toBe(true);
    const file = await exportHistory(db);
    expect(file.articles[0]!.versions[0]!.truncated).toBe(true);
    const parsed = await parseImport(serializeExport(file));
    expect(parsed.ok && parsed.file.articles[0]!.versions[0]!.truncated).toBe(true);
  });

  test('storage full (QuotaExceededError) is reported and leaves no partial record', async () => {
    await capture();
    const before = await countRecords(db);
    // The browser refuses the last write of the capture, after the version and texts were already queued.
    const refuse = (method: 'put' | 'add') => {
      const real = IDBObjectStore.prototype[method];
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args) {
        if (this.name === 'visits') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return real.apply(this, args);
      });
    };
    const spies = [refuse('put'), refuse('add')];
    try {
      const edited = [...PARAGRAPHS];
      edited[1] = `${edited[1]} This sentence will not fit.`;
      const result = await capture(makeSnapshot({ body: paragraphs(edited) }));
      expect(result.reply).toMatchObject({ ok: false, reason: 'quota', message: expect.stringMatching(/^Storage is full/) });
      expect(result.badge).toBeNull();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(await countRecords(db)).toEqual(before);
    expect((await capture()).reply).toMatchObject({ ok: true, outcome: { kind: 'unchanged' } });
  });

  test('paused recording and excluded sites record nothing', async () => {
    expect((await capture(makeSnapshot(), { ...DEFAULT_SETTINGS, paused: true })).reply).toMatchObject({ ok: false, reason: 'paused' });
    const excluded = { ...DEFAULT_SETTINGS, excludedSites: ['example-news.com'] };
    expect((await capture(makeSnapshot(), excluded)).reply).toMatchObject({ ok: false, reason: 'excluded' });
    expect(await countRecords(db)).toEqual({ articles: 0, versions: 0, visits: 0 });
  });

  test('retention prunes old history at most once an hour', async () => {
    await capture();
    const prune = createPruner();
    const later = Date.now() + 40 * 86_400_000;
    expect(await prune(db, { ...DEFAULT_SETTINGS, retentionDays: 30 }, later)).toBe(true);
    expect(await countRecords(db)).toEqual({ articles: 0, versions: 0, visits: 0 });
    expect(await prune(db, { ...DEFAULT_SETTINGS, retentionDays: 30 }, later + 1000)).toBe(false);
    expect(await prune(db, DEFAULT_SETTINGS, later + 10 * 3_600_000)).toBe(false);
  });
});

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());
  test('default to recording everything, forever, and sending nothing (no timestamping service)', async () => {
    expect(await settingsItem.getValue()).toEqual({ paused: false, excludedSites: [], retentionDays: null, tsaUrl: null });
  });
  test('a timestamping service must be https, or plain http on this computer', () => {
    expect(tsaUrlFromInput(' https://TSA.example/tsr ')).toBe('https://tsa.example/tsr');
    expect(tsaUrlFromInput('http://127.0.0.1:8080/tsa')).toBe('http://127.0.0.1:8080/tsa');
    expect(tsaUrlFromInput('http://localhost/tsa')).toBe('http://localhost/tsa');
    for (const bad of ['http://tsa.example/', 'ftp://tsa.example/', 'tsa.example', 'https://user:pw@tsa.example/', 'https://tsa.example/#x', '', 'javascript:alert(1)']) {
      expect(tsaUrlFromInput(bad), bad).toBeNull();
    }
    expect(originPattern('https://tsa.example:8443/a/b?c')).toBe('https://tsa.example/*');
    expect(originPattern('http://127.0.0.1:9000/tsa')).toBe('http://127.0.0.1/*');
  });
  test('excluded sites cover their subdomains and nothing else', () => {
    const settings = { ...DEFAULT_SETTINGS, excludedSites: [siteFromInput('https://www.Example.com/path')!] };
    expect(settings.excludedSites).toEqual(['example.com']);
    expect(isExcluded(settings, 'https://news.example.com/a')).toBe(true);
    expect(isExcluded(settings, 'https://example.com/a')).toBe(true);
    expect(isExcluded(settings, 'https://notexample.com/a')).toBe(false);
    expect(siteFromInput('   ')).toBeNull();
  });
  test('the excluded-site field takes host names and web addresses, and nothing else (issue 16, item 7)', () => {
    for (const [typed, site] of [
      ['example.com', 'example.com'],
      [' https://www.Example.com/some/path?q=1 ', 'example.com'],
      ['news.bbc.co.uk', 'news.bbc.co.uk'],
      ['example.com:8080', 'example.com'],
      ['http://localhost:3000/a', 'localhost'],
      ['127.0.0.1', '127.0.0.1'],
      ['bücher.de', 'xn--bcher-kva.de'],
      ['example.com.', 'example.com'],
    ] as const) {
      expect(siteFromInput(typed), typed).toBe(site);
    }
    for (const typed of ['not a site!!', 'not%20a%20site', 'example', 'exa_mple.com', '-bad.com', 'bad-.com', 'ftp://example.com',
      'mailto:a@example.com', 'javascript:alert(1)', 'example.123', '..', 'https://', 'a..b.com']) {
      expect(siteFromInput(typed), typed).toBeNull();
    }
  });
});
