/**
 * The house stays as ../shared/STYLE.md draws it: lib/ is a set of rooms that import each other one way only, no
 * module imports itself back through others (type imports count too), only lib/platform/ and lib/protocol/ reach
 * the browser's API, and the content script's code and types stay out of the storage, transfer, view and service
 * rooms. Reads the source's import statements; nothing is run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, sourceFiles } from '../helpers/source-files';

/** The rooms of lib/, in the order they may import each other: a room imports only rooms before it (and itself). */
export const ROOMS = ['model', 'platform', 'capture', 'diff', 'protocol', 'store', 'transfer', 'evidence', 'view', 'service'];
const BROWSER_API = ['wxt/browser', 'webextension-polyfill', 'wxt/utils/storage'];
const BROWSER_ROOMS = new Set(['platform', 'protocol']);

const IMPORT = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/g;

/** Every module specifier a file imports or re-exports, types included; comments are ignored. */
function specifiers(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const FILES = [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints')];
const KNOWN = new Set(FILES);

/** The repository file a specifier names, or null for a package. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.join(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (KNOWN.has(candidate)) return candidate;
  }
  return null;
}

const GRAPH = new Map(FILES.map((f) => [f, specifiers(f).map((s) => resolve(f, s)).filter((t): t is string => t !== null)]));
const roomOf = (file: string): string | null => (file.startsWith('lib/') ? file.split('/')[1]! : null);

describe('the house', () => {
  test('every lib file lives in a room', () => {
    const homeless = FILES.filter((f) => f.startsWith('lib/') && !ROOMS.includes(roomOf(f)!));
    expect(homeless).toEqual([]);
  });

  test('no import cycle, type imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of GRAPH.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of FILES) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  test('rooms import only the rooms before them; lib never imports pages or components', () => {
    const against: string[] = [];
    for (const [file, targets] of GRAPH) {
      for (const target of targets) {
        const from = roomOf(file);
        const to = roomOf(target);
        if (from === null) {
          if (file.startsWith('components/') && target.startsWith('entrypoints/')) against.push(`${file} -> ${target}`);
          continue;
        }
        if (to === null || ROOMS.indexOf(to) > ROOMS.indexOf(from)) against.push(`${file} -> ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  test('only lib/platform and lib/protocol call the browser API; model, capture and diff use no storage', () => {
    const offenders: string[] = [];
    for (const file of FILES) {
      const room = roomOf(file);
      if (room === null) continue;
      for (const spec of specifiers(file)) {
        if (BROWSER_API.includes(spec) && !BROWSER_ROOMS.has(room)) offenders.push(`${file} -> ${spec}`);
        if (spec === 'idb' && ['model', 'capture', 'diff', 'protocol'].includes(room)) offenders.push(`${file} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test("the content script's code and types reach only model, platform, capture and protocol", () => {
    const reached = new Set<string>();
    const walk = (file: string): void => {
      for (const next of GRAPH.get(file) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          walk(next);
        }
      }
    };
    walk('entrypoints/content.ts');
    const outside = [...reached].filter((f) => !['model', 'platform', 'capture', 'protocol'].includes(roomOf(f) ?? ''));
    expect(outside).toEqual([]);
    // The Public Suffix List (tldts, ~140 KB, whose module runs code on import so no bundler can drop it) is for the
    // background, which keys captures: the script injected into every page must not import it, even unused.
    const psl = ['entrypoints/content.ts', ...reached].filter((f) => specifiers(f).includes('tldts'));
    expect(psl).toEqual([]);
  });
});
