/**
 * The Node versions the package declares are the ones it is tested on and its dependencies support:
 * `engines.node` admits the Node that runs this suite (CI's), the Action's runtime (action.yml), the
 * Docker image's and the one the packed package is tried on (test/package); the README and the
 * getting-started guide state the same range; every production dependency in the lock file accepts
 * every version it admits, so `npm install` on a declared version never prints EBADENGINE for them.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NODE_24 } from '../support/node-release.js';

const text = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const read = (file: string) => JSON.parse(text(file));
const pkg = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
};

/** `[name@version, its engines.node]` for every locked package that declares a Node range. */
function declaredRanges(include: (entry: { dev?: boolean }) => boolean): [string, string][] {
  return Object.entries(lock.packages).flatMap(([location, entry]) => {
    const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (location === '' || node === undefined || !include(entry)) return [];
    return [[`${location.replace(/^.*node_modules\//, '')}@${entry.version}`, node]];
  });
}

describe('engines', () => {
  it('admits every Node the project is run on: the suite’s, the Action’s, the Docker image’s', () => {
    expect(semver.validRange(pkg.engines.node)).not.toBeNull();
    // CI runs the whole suite on this machine's Node (20.20): a range without it says untrue things.
    expect(semver.satisfies(process.versions.node, pkg.engines.node), process.versions.node).toBe(true);
    expect(semver.satisfies(NODE_24, pkg.engines.node), NODE_24).toBe(true);
    const action = /^\s+using:\s*node(\d+)\s*$/m.exec(text('action.yml'))?.[1];
    const images = [...text('Dockerfile').matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);
    expect(action).toBeDefined();
    expect(images.length).toBeGreaterThan(0);
    for (const major of [action, ...images])
      expect(semver.subset(`${major}.x`, pkg.engines.node), `Node ${major}`).toBe(true);
  });

  it('is the range the README, the getting-started guide and the lock file state', () => {
    expect(lock.packages['']?.engines).toEqual(pkg.engines);
    for (const file of ['README.md', 'docs/getting-started.md'])
      expect(text(file), file).toContain(`\`${pkg.engines.node}\``);
  });

  it('promises nothing a production dependency does not support', () => {
    const unsupported = declaredRanges((e) => e.dev !== true).filter(
      ([, range]) => !semver.subset(pkg.engines.node, range, { includePrerelease: false }),
    );
    expect(unsupported).toEqual([]);
  });

  // The CI machines run Node 20.20, below the declared range: the suite passes there, and `npm ci`
  // stays free of EBADENGINE (content-type is overridden to 2.x under @octokit/request for that).
  it('installs without engine warnings on the Node that runs the tests (CI)', () => {
    const refused = declaredRanges(() => true).filter(
      ([, range]) => !semver.satisfies(process.versions.node, range),
    );
    expect(refused).toEqual([]);
  });
});
