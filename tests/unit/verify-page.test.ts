/**
 * The verify page's words (entrypoints/verify/check.ts): the verdict on an intact file counts its articles and versions
 * and gives the key's fingerprint in groups of four; a broken file is named down to the article and version; the list
 * of the file's articles is read defensively and capped, and keeps page text as it is (the page renders it as text).
 */
import { describe, expect, test } from 'vitest';
import { brokenWhere, fileArticles, LISTED, verdictText } from '../../entrypoints/verify/check';

const FINGERPRINT = '0123456789abcdef'.repeat(4);
/** An intact file's result, as lib/evidence/verify.ts answers it. */
const intact = (articles: number, versions: number) =>
  ({ ok: true, articles, versions, removed: 0, chainedLater: 0, fingerprint: FINGERPRINT, exportedAt: '2026-03-01T10:00:00.000Z', timestamps: [] }) as const;

describe('the verify page', () => {
  test('an intact file: articles, versions and the signing key, counted in words', () => {
    expect(verdictText({ ...intact(1, 2), timestamps: [] })).toBe(
      'Verified: 1 article, 2 versions, signed by key 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef',
    );
    expect(verdictText({ ...intact(1200, 1), timestamps: [] })).toMatch(
      /^Verified: 1,200 articles, 1 version, /,
    );
  });

  test('a broken file: not verified, and where it first goes wrong', () => {
    expect(verdictText({ ok: false, problem: 'x' })).toMatch(/^Not verified/);
    expect(brokenWhere({ ok: false, article: 'news.example/a', seq: 3, problem: 'x' })).toBe(
      'The first problem is in article news.example/a, version 3:',
    );
    expect(brokenWhere({ ok: false, article: 'news.example/a', problem: 'x' })).toBe('The first problem is in article news.example/a:');
    expect(brokenWhere({ ok: false, problem: 'x' })).toBe('What is wrong:');
  });

  test('the file\'s articles, read defensively and capped', () => {
    const file = {
      articles: [
        { key: 'evil.example/a', headline: '<img src=x onerror=alert(1)>', versions: [{}, {}] },
        { key: 42, headline: null, versions: 'many' },
        null,
        ...Array.from({ length: LISTED + 5 }, (_, i) => ({ key: `k${i}`, headline: `h${i}`, versions: [{}] })),
      ],
    };
    const articles = fileArticles(JSON.stringify(file));
    expect(articles).toHaveLength(LISTED);
    expect(articles[0]).toEqual({ key: 'evil.example/a', headline: '<img src=x onerror=alert(1)>', versions: 2 });
    expect(articles[1]).toEqual({ key: '', headline: '', versions: 0 });
    expect(articles[2]).toEqual({ key: '', headline: '', versions: 0 });
    expect(fileArticles('not json')).toEqual([]);
    expect(fileArticles('{"articles": {}}')).toEqual([]);
  });
});
