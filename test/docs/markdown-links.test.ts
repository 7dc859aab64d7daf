/**
 * Every link in the repository's Markdown resolves: relative links point at files that exist (and at
 * headings that exist in them), and no link points at an address this project does not control.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outlineOf, slug } from './markdown-links.js';
import { CHECKS } from '../../src/diff/checks/index.js';
import { LOAD_RULE_DESCRIPTIONS } from '../../src/load/diagnostics.js';
import { ruleDocsPage } from '../../src/report/docs-links.js';
import { RULE_SET } from '../../rules/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const markdownFiles = execFileSync(
  'git',
  ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter((file) => file !== '' && existsSync(path.join(root, file)));

/**
 * Addresses the project has no say over (a domain nobody registered, an organisation nobody owns): a
 * link there is a promise nobody keeps. Docs, schemas and outputs link only to what users configure.
 */
const UNCONTROLLED_ADDRESSES = [/\bblueprint-review\.dev\b/i, /github\.com\/blueprint-review\b/i];

const trackedFiles = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter(
    (file) => file !== '' && existsSync(path.join(root, file)) && statSync(path.join(root, file)).isFile(),
  );

const outlines = new Map<string, ReturnType<typeof outlineOf>>();
function outline(file: string) {
  let found = outlines.get(file);
  if (!found) {
    found = outlineOf(readFileSync(path.join(root, file), 'utf8'));
    outlines.set(file, found);
  }
  return found;
}

/** Why a link does not resolve, or undefined when it does. */
function brokenBecause(file: string, href: string): string | undefined {
  if (UNCONTROLLED_ADDRESSES.some((pattern) => pattern.test(href)))
    return 'an address the project does not control';
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined; // https:, mailto: — outside the repository
  const [target = '', anchor] = href.split('#', 2) as [string, string | undefined];
  const resolved =
    target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target)));
  if (resolved.startsWith('../')) return 'leaves the repository';
  const absolute = path.join(root, resolved);
  if (!existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor !== undefined && statSync(absolute).isFile() && resolved.endsWith('.md')) {
    if (!outline(resolved).anchors.has(decodeURIComponent(anchor)))
      return `${resolved} has no heading #${anchor}`;
  }
  return undefined;
}

describe('addresses', () => {
  it('no file of the repository (sources, docs, schemas, the Action bundle) names an address the project does not control', () => {
    const self = path.relative(root, fileURLToPath(import.meta.url));
    const offending = trackedFiles.flatMap((file) => {
      if (file === self) return [];
      const text = readFileSync(path.join(root, file), 'utf8');
      return UNCONTROLLED_ADDRESSES.some((pattern) => pattern.test(text)) ? [file] : [];
    });
    expect(offending).toEqual([]);
  });
});

describe('Markdown links', () => {
  it('reads links outside code, and GitHub heading anchors', () => {
    const { links, anchors } = outlineOf(
      '# A `b` c!\n\n## A `b` c!\n\nSee [x](y.md#z) and ![i](p.png).\n\n```md\n[not](a-link.md)\n```\n\n| t |\n| - |\n| [in](table.md) |\n',
    );
    expect(links.map((l) => [l.href, l.line])).toEqual([
      ['y.md#z', 5],
      ['p.png', 5],
      ['table.md', 13],
    ]);
    expect([...anchors]).toEqual(['a-b-c', 'a-b-c-1']);
    expect(slug('Error handling & retries (v2)')).toBe('error-handling--retries-v2');
  });

  it('finds the repository Markdown, generated docs included', () => {
    expect(markdownFiles).toContain('README.md');
    expect(markdownFiles.some((f) => f.startsWith('docs/rules/'))).toBe(true);
  });

  it('documents every rule id on the page (and anchor) that rule links point at', () => {
    const ids = [
      ...RULE_SET.rules.map((r) => r.meta.id),
      ...Object.keys(LOAD_RULE_DESCRIPTIONS),
      ...CHECKS.map((c) => `breaking/${c.id}`),
    ];
    const broken = ids.flatMap((id) => {
      const reason = brokenBecause('docs/index.md', ruleDocsPage(id));
      return reason === undefined ? [] : [`${id}: ${reason}`];
    });
    expect(broken).toEqual([]);
  });

  it('resolves every relative link and anchor, and points at no address the project does not control', () => {
    const broken = markdownFiles.flatMap((file) =>
      outline(file).links.flatMap(({ href, line }) => {
        const reason = brokenBecause(file, href);
        return reason === undefined ? [] : [`${file}:${line} ${href}: ${reason}`];
      }),
    );
    expect(broken).toEqual([]);
  });
});
