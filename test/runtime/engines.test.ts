/**
 * The Node versions the package declares are the ones its dependencies support: every production
 * dependency in the lock file accepts every version `engines.node` admits, so `npm install` on a
 * declared version never prints EBADENGINE and never installs a release that fails at run time.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
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
  it('declares only maintained Node lines with ES module require (22.12+; Node 20 is past end of life)', () => {
    expect(semver.validRange(pkg.engines.node)).not.toBeNull();
    expect(semver.subset(pkg.engines.node, '>=22.12.0')).toBe(true);
    for (const version of ['22.12.0', '24.0.0'])
      expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
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
