/**
 * Labelled edits (lib/diff/labels.ts) on real pages: the Guardian's whale-strandings story and pages in French,
 * German, Portuguese and Spanish, edited in code the way newsrooms edit them (a correction note added, a figure
 * changed, a quotation reworded, a sentence inserted, a paragraph cut, the headline sharpened, only the declared
 * modification time moved), read back by the capture code, and labelled. Plus the note rules on their own and
 * property tests: identical versions get no kinds; a moved modification time alone is disclosed and metadata only.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CHANGE_KINDS, labelChange, type Labelled } from '../../lib/diff/labels';
import { isNote } from '../../lib/diff/notes';
import { quotations } from '../../lib/diff/quotes';
import { canonicalContent, normalizeText } from '../../lib/model/normalize';
import type { Block, Snapshot } from '../../lib/model/snapshot';
import type { ArticleRecord } from '../../lib/store/schema';
import { labelTags } from '../../lib/view/labels';
import { DEFAULT_QUERY, isIndexQuery, matches } from '../../lib/view/list';
import { openHistoryDb } from '../../lib/store/open';
import { getArticle } from '../../lib/store/read';
import { recordOutcome } from './helpers/record';
import { addBoilerplate, changeNumber, insertSentence, parseHtml, serialize } from '../helpers/fixtures';
import { baseline, editVisibleH1, loadPage, pageUrl } from '../helpers/variants';

const GUARDIAN = 'guardian-1';
const url = pageUrl(GUARDIAN);
const source = loadPage(GUARDIAN).source;
const original = baseline(source, url);

/** The page edited on its DOM by `edit`, then read by the capture code as a revisit would be. */
function revisited(edit: (doc: Document) => void, html = source): Snapshot {
  const doc = parseHtml(html, url);
  edit(doc);
  return baseline(serialize(doc), url);
}

/** The story's paragraphs (as extracted) that hold `re`, longest first. */
function paragraphsWith(snapshot: Snapshot, re: RegExp): string[] {
  return snapshot.body.filter((b) => b.kind === 'p' && re.test(b.text)).map((b) => b.text).sort((a, b) => b.length - a.length);
}

/** A new paragraph right after the element holding `after`. */
function appendParagraph(doc: Document, after: string, text: string): void {
  const anchor = Array.from(doc.querySelectorAll('p')).find((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim() === after);
  if (!anchor) throw new Error(`paragraph not found: ${after.slice(0, 40)}`);
  const p = doc.createElement('p');
  p.textContent = text;
  anchor.after(p);
}

const lastParagraph = (s: Snapshot): string => s.body.filter((b) => b.kind === 'p').at(-1)!.text;

describe('edits of the Guardian story', () => {
  test('a correction note appended with a figure corrected is disclosed, numbers and added text', () => {
    const withNumber = paragraphsWith(original, /\d/).find((p) => p !== lastParagraph(original))!;
    let change: [string, string] = ['', ''];
    const edited = revisited((doc) => {
      change = changeNumber(doc, withNumber);
      appendParagraph(
        doc,
        lastParagraph(original),
        `Correction: An earlier version of this article misstated a figure as ${change[0]}. It is ${change[1]}.`,
      );
    });
    expect(labelChange(original, edited)).toEqual({ disclosure: 'disclosed', kinds: ['numbers', 'added-text'] });
  });

  test('the same figure corrected without a note is a silent numbers edit, nothing else', () => {
    const withNumber = paragraphsWith(original, /\d/)[0]!;
    const edited = revisited((doc) => void changeNumber(doc, withNumber));
    expect(labelChange(original, edited)).toEqual({ disclosure: 'silent', kinds: ['numbers'] });
  });

  test('a sentence inserted mid-story is silent added text; taken out again, removed text', () => {
    const paragraph = original.body.filter((b) => b.text.length > 120)[3]!.text;
    const edited = revisited((doc) => insertSentence(doc, paragraph, 'Officials later disputed this account.'));
    expect(labelChange(original, edited)).toEqual({ disclosure: 'silent', kinds: ['added-text'] });
    expect(labelChange(edited, original)).toEqual({ disclosure: 'silent', kinds: ['removed-text'] });
  });

  test('words inside a quotation changed are quotes; a sentence replaced besides is a rewrite', () => {
    const quoted = paragraphsWith(original, /“[^”]*hurting the whales[^”]*”/)[0]!;
    const reworded = (doc: Document) => {
      const el = Array.from(doc.querySelectorAll('p')).find((p) => (p.textContent ?? '').includes('hurting the whales'))!;
      el.innerHTML = el.innerHTML.replace('hurting the whales', 'killing the whales');
    };
    const edited = revisited(reworded);
    expect(edited.body.some((b) => b.text.includes('killing the whales'))).toBe(true);
    expect(quoted).toContain('hurting the whales');
    expect(labelChange(original, edited)).toEqual({ disclosure: 'silent', kinds: ['quotes'] });

    const other = original.body.filter((b) => b.kind === 'p' && b.text.length > 120 && !b.text.includes('“'))[2]!.text;
    const rewritten = revisited((doc) => {
      reworded(doc);
      const el = Array.from(doc.querySelectorAll('p')).find((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim() === other)!;
      el.textContent = other.replace(/^\S+\s+\S+\s+\S+/, 'According to the council,');
    });
    expect(labelChange(original, rewritten)).toEqual({ disclosure: 'silent', kinds: ['quotes', 'rewrite'] });
  });

  test('the visible headline sharpened is a silent headline edit', () => {
    const edit = editVisibleH1(source, url, original)!;
    const edited = baseline(edit.html, url);
    expect(edited.headline).toBe(edit.to);
    expect(labelChange(original, edited)).toEqual({ disclosure: 'silent', kinds: ['headline'] });
  });

  test('only the declared modification time moved: disclosed, metadata only', () => {
    const edited = revisited((doc) => {
      for (const meta of doc.querySelectorAll('meta[property="article:modified_time"], meta[itemprop="dateModified"]')) {
        meta.setAttribute('content', '2019-01-17T09:00:00.000Z');
      }
    });
    expect(edited.modifiedTime).not.toBe(original.modifiedTime);
    expect(labelChange(original, edited)).toEqual({ disclosure: 'disclosed', kinds: ['metadata-only'] });
  });

  test('only furniture changed ("Updated 7 minutes ago", ads, most read): no kinds, silent', () => {
    const edited = revisited((doc) => addBoilerplate(doc, original.body[0]!.text, 7));
    expect(canonicalContent(edited)).toBe(canonicalContent(original));
    expect(labelChange(original, edited)).toEqual({ disclosure: 'silent', kinds: [] });
  });

  test('an update note whose text changed discloses again; one that stayed does not', () => {
    const note = (time: string) => (doc: Document) =>
      appendParagraph(doc, lastParagraph(original), `Update, ${time}: Conservation officials said they were reviewing the findings.`);
    const first = revisited(note('14:02'));
    const second = revisited((doc) => {
      note('14:02')(doc);
      insertSentence(doc, original.body.filter((b) => b.text.length > 120)[2]!.text, 'Three more whales were found on Friday.');
    });
    const third = revisited(note('16:40'));
    expect(labelChange(original, first).disclosure).toBe('disclosed');
    expect(labelChange(first, second)).toEqual({ disclosure: 'silent', kinds: ['added-text'] });
    expect(labelChange(first, third).disclosure).toBe('disclosed');
  });
});

describe('notes in other languages, on real pages', () => {
  const cases: [page: string, note: string][] = [
    ['lemonde-1', 'Rectificatif : une précédente version de cet article attribuait ce vote au mauvais groupe.'],
    ['heise', 'Korrektur: In einer früheren Version dieses Artikels hieß es, die Funktion sei kostenpflichtig.'],
    ['folha', 'Errata: uma versão anterior deste texto informava incorretamente a data do jogo.'],
    ['la-nacion', 'Fe de erratas: una versión anterior de esta columna atribuía mal una cita.'],
  ];
  test.each(cases)('%s: a note added is disclosed added text; the text added without it is silent', (name, note) => {
    const page = loadPage(name).source;
    const at = pageUrl(name);
    const before = baseline(page, at);
    const last = before.body.filter((b) => b.kind === 'p').at(-1)!.text;
    const doc = parseHtml(page, at);
    const anchor = Array.from(doc.querySelectorAll('p')).find((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim() === last)!;
    const p = doc.createElement('p');
    p.textContent = note;
    anchor.after(p);
    const after = baseline(serialize(doc), at);
    expect(after.body.some((b) => b.text === note)).toBe(true);
    expect(labelChange(before, after)).toEqual({ disclosure: 'disclosed', kinds: ['added-text'] });
    // The same words, no longer a note: a plain paragraph is silent.
    const plain: Snapshot = { ...after, body: after.body.map((b) => (b.text === note ? { ...b, text: note.replace(/^[^:]+:\s*/, 'Ainsi, ').replace(/^\S+\s+\S+\s+\S+/, 'Ainsi') } : b)) };
    expect(labelChange(before, plain).disclosure).toBe('silent');
  });
});

describe('what counts as a correction or update note', () => {
  const notes = [
    'Correction: An earlier version of this article misstated the number of whales.',
    'Update, 14:02: The death toll has risen to 14.',
    'This article has been updated to include a response from the ministry.',
    'This article was amended on 5 March 2024 to correct the spelling of a name.',
    "Editor's note (March 5): This story has been changed.",
    'CORRECTION, March 5, 2024: A photo caption misidentified the speaker.',
    'Updated: 5 March 2024, 14:02 GMT',
    'Anmerkung der Redaktion: Wir haben den Artikel korrigiert.',
    'Dieser Artikel wurde nachträglich aktualisiert.',
    'Mise à jour : le bilan a été revu à la hausse.',
    'Cet article a été mis à jour le 5 mars.',
    'Actualización: la cifra de muertos asciende a 14.',
    'Este artículo ha sido corregido.',
    'Aggiornamento: il bilancio è salito a 14 morti.',
    'Questo articolo è stato aggiornato alle 14.',
    'Correção: a reportagem informou erradamente o número de mortos.',
    'Este texto foi atualizado às 14h.',
    'Correctie: in een eerdere versie van dit artikel stond een verkeerd aantal.',
    'Dit artikel is bijgewerkt.',
  ];
  const notNotes = [
    'Updated 5 minutes ago',
    'Updated: 2 hours ago',
    'Corrections officers said: "We will not comment."',
    'The update: nothing changed, the minister said.',
    'Officials updated the figures on Tuesday after a recount.',
    'He said the article was false.',
  ];
  test.each(notes)('a note: %s', (text) => expect(isNote(normalizeText(text))).toBe(true));
  test.each(notNotes)('not a note: %s', (text) => expect(isNote(normalizeText(text))).toBe(false));
});

describe('quotations in every quote style', () => {
  test.each([
    ['“We will win,” she said.', ['We will win,']],
    ['„Wir schaffen das“, sagte sie.', ['Wir schaffen das']],
    ['Il a dénoncé « une faute grave ».', [' une faute grave ']],
    ["The paper's ‘final word’ on Obama's plan", ['final word']],
    ['「東京」で', ['東京']],
    ['"An open quotation running on', ['An open quotation running on']],
  ])('%s', (text, quotes) => expect(quotations(normalizeText(text)).quotes).toEqual(quotes));
});

describe('the article record keeps the labels of its latest change', () => {
  test('a silent edit, then an unchanged visit, then a disclosed correction, then only furniture', async () => {
    const db = await openHistoryDb('labels-record', new IDBFactory());
    try {
      const key = 'news.example/whales';
      const at = (s: Snapshot): Snapshot => ({ ...s, key });
      let n = 0;
      const capture = (s: Snapshot) => recordOutcome(db, at(s), { now: 1000 * ++n, captureId: `c${n}` });
      const paragraph = original.body.filter((b) => b.text.length > 120)[3]!.text;
      const edited = revisited((doc) => insertSentence(doc, paragraph, 'Officials later disputed this account.'));
      const corrected = revisited((doc) => {
        insertSentence(doc, paragraph, 'Officials later disputed this account.');
        appendParagraph(doc, lastParagraph(original), 'Correction: An earlier version of this article gave the wrong date.');
      });

      await capture(original);
      expect((await getArticle(db, key))!.lastChange).toBeUndefined();
      expect(await capture(edited)).toMatchObject({ kind: 'changed' });
      const silent = { disclosure: 'silent', kinds: ['added-text'] };
      expect((await getArticle(db, key))!.lastChange).toEqual(silent);
      expect(await capture(edited)).toMatchObject({ kind: 'unchanged' });
      expect((await getArticle(db, key))!.lastChange).toEqual(silent);
      expect(await capture(corrected)).toMatchObject({ kind: 'changed' });
      expect((await getArticle(db, key))!.lastChange).toEqual({ disclosure: 'disclosed', kinds: ['added-text'] });
      expect(await capture(edited)).toMatchObject({ kind: 'revert' });
      expect((await getArticle(db, key))!.lastChange).toEqual({ disclosure: 'silent', kinds: ['removed-text'] });
    } finally {
      db.close();
    }
  });
});

describe('what the pages show and filter', () => {
  test('tags say silent or disclosed, then each kind, in words', () => {
    expect(labelTags({ disclosure: 'silent', kinds: ['headline', 'numbers'] }).map((tag) => tag.text)).toEqual([
      'Silent edit',
      'Headline',
      'Numbers',
    ]);
    expect(labelTags({ disclosure: 'disclosed', kinds: ['added-text'] }).map((tag) => [tag.text, tag.tone])).toEqual([
      ['Disclosed', 'disclosed'],
      ['Added text', 'kind'],
    ]);
  });

  test('"Silent edits only" and the kind filter keep articles by the labels of their latest change', () => {
    const base = { urls: [], siteName: null, liveBlog: false, firstSeen: 0, lastVisit: 0, latestSeq: 2, versionCount: 2 };
    const article = (key: string, lastChange?: ArticleRecord['lastChange']): ArticleRecord => ({
      ...base,
      key,
      headline: key,
      baseline: { seq: 2, visit: 0, since: 0 },
      lastOutcome: 'changed',
      ...(lastChange ? { lastChange } : {}),
    });
    const list = [
      article('silent-numbers', { disclosure: 'silent', kinds: ['numbers'] }),
      article('disclosed-numbers', { disclosure: 'disclosed', kinds: ['numbers', 'added-text'] }),
      article('silent-headline', { disclosure: 'silent', kinds: ['headline'] }),
      article('imported'),
    ];
    const pick = (q: Partial<typeof DEFAULT_QUERY>) => list.filter((a) => matches(a, { ...DEFAULT_QUERY, ...q })).map((a) => a.key);
    expect(pick({ silentOnly: true })).toEqual(['silent-numbers', 'silent-headline']);
    expect(pick({ kind: 'numbers' })).toEqual(['silent-numbers', 'disclosed-numbers']);
    expect(pick({ silentOnly: true, kind: 'numbers' })).toEqual(['silent-numbers']);
    expect(pick({})).toHaveLength(4);
    expect(isIndexQuery({ ...DEFAULT_QUERY, silentOnly: true })).toBe(false);
    expect(isIndexQuery({ ...DEFAULT_QUERY, kind: 'quotes' })).toBe(false);
  });
});

// ---- properties --------------------------------------------------------------------------------------------

const VOCAB = original.body.flatMap((b) => b.text.split(' ')).slice(0, 400);
const word = fc.constantFrom(...VOCAB, '12', '3.5%', '“quoted”', 'Correction:', 'Updated', '—');
const text = fc.array(word, { minLength: 1, maxLength: 20 }).map((ws) => ws.join(' '));
const block: fc.Arbitrary<Block> = fc.record({ kind: fc.constantFrom<Block['kind']>('p', 'h', 'li', 'quote'), text });
const time = fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
const version: fc.Arbitrary<Labelled> = fc.record({
  headline: text,
  dek: fc.option(text),
  byline: fc.option(text),
  body: fc.array(block, { maxLength: 10 }),
  publishedTime: time,
  modifiedTime: time,
  lang: fc.constantFrom('en', 'de', null),
  metaHeadlines: fc.option(fc.record({ title: fc.option(text), og: fc.option(text), jsonLd: fc.option(text), description: fc.option(text) }), { nil: undefined }),
});

describe('properties', () => {
  test('identical versions get no kinds and are silent', () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(labelChange(v, structuredClone(v))).toEqual({ disclosure: 'silent', kinds: [] });
      }),
    );
  });

  test('only the modification time moved: disclosed, metadata only', () => {
    fc.assert(
      fc.property(version, fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (v, d) => {
        fc.pre(v.modifiedTime === null || Date.parse(v.modifiedTime) !== d.getTime());
        expect(labelChange(v, { ...v, modifiedTime: d.toISOString() })).toEqual({ disclosure: 'disclosed', kinds: ['metadata-only'] });
      }),
    );
  });

  test('kinds come in one order, once each; text kinds exclude each other; metadata only stands alone', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const { kinds } = labelChange(a, b);
        expect(kinds).toEqual(CHANGE_KINDS.filter((k) => kinds.includes(k)));
        expect(kinds.filter((k) => k === 'added-text' || k === 'removed-text' || k === 'rewrite').length).toBeLessThanOrEqual(1);
        if (kinds.includes('metadata-only')) expect(kinds).toEqual(['metadata-only']);
      }),
    );
  });

  test('a change the recorder counts always gets a text kind; one it does not count never does', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const textKinds = labelChange(a, b).kinds.filter((k) => k !== 'metadata-only');
        expect(textKinds.length > 0).toBe(canonicalContent(a) !== canonicalContent(b));
      }),
    );
  });

  test('a paragraph inserted into a version is added text, and removing it is removed text', () => {
    fc.assert(
      fc.property(version, block, fc.nat(), (v, extra, at) => {
        const story = v.body.filter((b) => canonicalContent({ ...v, body: [b] }) !== canonicalContent({ ...v, body: [] }));
        fc.pre(canonicalContent({ ...v, body: [extra] }) !== canonicalContent({ ...v, body: [] }));
        const body = [...story];
        body.splice(at % (body.length + 1), 0, extra);
        const older = { ...v, body: story };
        const newer = { ...v, body };
        const kinds = (x: Labelled, y: Labelled) => labelChange(x, y).kinds.filter((k) => k !== 'numbers' && k !== 'quotes');
        expect(kinds(older, newer)).toEqual(['added-text']);
        expect(kinds(newer, older)).toEqual(['removed-text']);
      }),
    );
  });
});
