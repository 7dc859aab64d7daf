/**
 * Folders the bench builds once and reuses (generated blueprints, git repositories): each is rebuilt
 * when the generator or the builder's source changed, so a figure never comes from a stale fixture.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE } from './process-usage.js';

const GENERATOR = path.join(import.meta.dirname, 'generate-blueprint.ts');

/** `CACHE/name`, built by `build` unless it was built before with the same sources and `key`. */
export function cachedFolder(
  name: string,
  key: string,
  builder: string,
  build: (dir: string) => void,
): string {
  const dir = path.join(CACHE, name);
  const stamp = path.join(CACHE, `${name}.stamp`);
  const version = createHash('sha256')
    .update(readFileSync(GENERATOR))
    .update(readFileSync(builder))
    .update(key)
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version && existsSync(dir)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  build(dir);
  writeFileSync(stamp, version);
  return dir;
}
