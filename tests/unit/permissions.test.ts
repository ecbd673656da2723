/**
 * The built manifests ask for exactly the permissions the documentation lists and justifies (the "## Permissions"
 * table in README.md): a new permission cannot slip in unexplained, and a dropped one
 * cannot stay documented. Needs the builds; `npm test` builds before the unit tests run.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = ['README.md']
  .map((file) => path.join(ROOT, file))
  .find((file) => existsSync(file) && /^## Permissions\s*$/m.test(readFileSync(file, 'utf8')));
const BUILDS = { Chrome: '.output/chrome-mv3/manifest.json', Firefox: '.output/firefox-mv3/manifest.json' } as const;
type BrowserName = keyof typeof BUILDS;
const KINDS = ['permissions', 'host_permissions', 'optional_permissions', 'optional_host_permissions', 'content_scripts'];

interface Row {
  kind: string;
  permission: string;
  browsers: string[];
  why: string;
}

/** The rows of the first table under "## Permissions". */
function documentedPermissions(markdown: string): Row[] {
  const section = markdown.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const lines = section.split('\n').filter((line) => line.trim().startsWith('|'));
  return lines.slice(2).map((line) => {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const [kind = '', permission = '', browsers = '', why = ''] = cells;
    return { kind, permission: permission.replace(/^`|`$/g, ''), browsers: browsers.split(/,\s*/), why };
  });
}

interface Manifest {
  content_scripts?: { matches?: string[] }[];
  [kind: string]: unknown;
}

/** What the manifest asks for, per kind; content-script matches count as access to those sites. */
function requested(manifest: Manifest): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const kind of KINDS) {
    const values =
      kind === 'content_scripts'
        ? (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? [])
        : ((manifest[kind] as string[] | undefined) ?? []);
    result[kind] = [...new Set(values)].sort();
  }
  return result;
}

test('the permissions are documented in a "## Permissions" table', () => {
  expect(DOC, 'README.md with a "## Permissions" section').toBeDefined();
  const rows = documentedPermissions(readFileSync(DOC!, 'utf8'));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(KINDS, `kind of ${row.permission}`).toContain(row.kind);
    expect(row.why.length, `reason for ${row.permission}`).toBeGreaterThan(20);
    for (const browser of row.browsers) expect(Object.keys(BUILDS)).toContain(browser);
  }
});

describe.each(Object.keys(BUILDS) as BrowserName[])('the %s build', (browser) => {
  const file = path.join(ROOT, BUILDS[browser]);

  test('asks for exactly the documented permissions', () => {
    // Fails rather than skips: an unbuilt tree must not pass as "no permissions".
    expect(existsSync(file), `${BUILDS[browser]} (run "npm run build" first)`).toBe(true);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const rows = documentedPermissions(readFileSync(DOC!, 'utf8')).filter((row) => row.browsers.includes(browser));
    const documented = Object.fromEntries(
      KINDS.map((kind) => [kind, rows.filter((row) => row.kind === kind).map((row) => row.permission).sort()]),
    );
    expect(requested(manifest)).toEqual(documented);
  });

  test('stays out of private windows where the browser allows it, and exposes nothing to web pages', () => {
    expect(existsSync(file)).toBe(true);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (browser === 'Chrome') expect(manifest['incognito']).toBe('not_allowed');
    // Web pages could message the background or load extension files; none of that is offered.
    expect(manifest['externally_connectable']).toBeUndefined();
    expect(manifest['web_accessible_resources']).toBeUndefined();
  });
});
