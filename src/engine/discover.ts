import type { FileSource } from '../core/file-source.js';
import { dirname } from '../core/paths.js';
import { BLUEPRINT_FILE } from '../load/load-blueprint.js';
import { globMatcher } from '../core/safe-glob.js';

/**
 * Blueprint folders in a snapshot: every folder holding a blueprint.yaml, optionally narrowed to the
 * folders matching the config's `blueprints` globs.
 */
export async function discoverBlueprints(
  source: FileSource,
  under: string,
  globs?: readonly string[],
): Promise<string[]> {
  const files = await source.list(under);
  const roots = files.filter((f) => f === BLUEPRINT_FILE || f.endsWith('/' + BLUEPRINT_FILE)).map(dirname);
  if (!globs || globs.length === 0) return roots;
  // Checked (core/safe-glob.ts): the config's load refuses an unsafe pattern; the Action's input is not one.
  const matches = globMatcher(
    globs.map((g) => g.replace(/\/$/, '')),
    { dot: false },
  );
  return roots.filter((root) => matches(root));
}
