/**
 * Test data: realistic article and live-blog snapshots, and small edits of them, so history tests read like the
 * situations they model rather than like string plumbing.
 */
import type { Block, PageCapture, Snapshot } from '../../../lib/model/snapshot';
import { stripTracking } from '../../../lib/model/url';

export const ARTICLE_KEY = 'https://www.example-news.com/world/2024/harbour-bridge-closure';

export const PARAGRAPHS = [
  'The Harbour Bridge will close to all traffic for three weeks from next Monday while engineers replace ' +
    'corroded cables, the city council announced on Tuesday, in a move expected to disrupt the journeys of ' +
    'some 90,000 commuters a day.',
  "Council leader Maria Okafor said the decision had been taken \"with great reluctance\" after an inspection in " +
    "March found that 14 of the bridge's 62 suspension cables had lost more than a fifth of their strength.",
  'Ferry operators have been asked to double the frequency of crossings during the morning and evening rush hours, ' +
    'and two temporary bus lanes will be painted on the ring road before the closure begins.',
  'Business groups reacted angrily. The Chamber of Commerce said shops on the northern bank could lose up to 30 per ' +
    'cent of their trade and called for a compensation scheme to be set up before work starts.',
  "Engineers said the cables, installed when the bridge opened in 1971, had been expected to last another decade. " +
    "Salt spray and heavier lorries had accelerated the corrosion, according to the inspection report.",
  'Cyclists and pedestrians will be allowed to use the eastern walkway for most of the closure, except for four ' +
    'nights when the deck will be lifted into place with cranes mounted on barges.',
  'The council said the total cost of the repairs would be 48 million euros, of which the national government has ' +
    'agreed to pay two thirds under its infrastructure resilience programme.',
  'A public meeting to answer residents\' questions will be held at the town hall on Thursday evening, and a ' +
    'dedicated phone line has been opened for businesses affected by the closure.',
];

export function paragraphs(texts: readonly string[]): Block[] {
  return texts.map((text) => ({ kind: 'p', text }));
}

export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    url: `${ARTICLE_KEY}?utm_source=newsletter`,
    key: ARTICLE_KEY,
    canonicalUrl: ARTICLE_KEY,
    siteName: 'Example News',
    headline: 'Harbour Bridge to close for three weeks as cables corrode',
    dek: 'Commuters face weeks of disruption while engineers replace 14 suspension cables',
    byline: 'By Jonas Lindqvist',
    publishedTime: '2024-05-14T09:30:00Z',
    modifiedTime: null,
    lang: 'en',
    liveBlog: false,
    body: paragraphs(PARAGRAPHS),
    extractor: { name: '@mozilla/readability', version: '0.6.0', rules: 1 },
    ...overrides,
  };
}

/** The article with paragraph `index` replaced by `edit(old text)`. */
export function editParagraph(index: number, edit: (text: string) => string, base = PARAGRAPHS): Block[] {
  return paragraphs(base.map((text, i) => (i === index ? edit(text) : text)));
}

export const LIVE_KEY = 'https://www.example-news.com/live/2024/election-night';

/** Live-blog entries, newest first as live blogs show them. */
export const LIVE_ENTRIES = [
  '23:40 Turnout in the capital has reached 61 per cent, the electoral commission says, up four points on ' +
    'the last election.',
  '23:15 The first exit poll puts the governing coalition two seats short of a majority, with the Greens in ' +
    'third place.',
  '22:50 Polling stations in the northern districts stayed open an extra half hour after queues formed ' +
    'outside several schools.',
  '22:30 Welcome to our live coverage of election night. We will bring you results, reaction and analysis ' +
    'as they come in.',
];

export function makeLiveSnapshot(
  entries: readonly string[] = LIVE_ENTRIES,
  overrides: Partial<Snapshot> = {},
): Snapshot {
  return makeSnapshot({
    url: LIVE_KEY,
    key: LIVE_KEY,
    canonicalUrl: LIVE_KEY,
    headline: 'Election night live: exit poll shows hung parliament',
    dek: 'Follow the results as they come in',
    byline: 'By the Politics Desk',
    liveBlog: true,
    body: paragraphs(entries),
    ...overrides,
  });
}

/**
 * A stored record as the current schema keeps it: its URLs without tracking parameters (stripTracking, migration 7).
 * For tests that upgrade older records, or record URLs with a newsletter's utm_source, and compare field for field.
 */
export function untracked<T extends object>(record: T): T {
  const out = { ...record } as Record<string, unknown>;
  if (typeof out.url === 'string') out.url = stripTracking(out.url);
  if (Array.isArray(out.urls)) {
    const urls = (out.urls as string[]).map(stripTracking);
    out.urls = urls.filter((url, i) => urls.indexOf(url, i + 1) === -1);
  }
  return out as T;
}

/** What the content script sends for `snapshot`: the same without its key, which the background makes. */
export function captureOf(snapshot: Snapshot): PageCapture {
  const { key: _key, ...capture } = snapshot;
  return capture;
}
