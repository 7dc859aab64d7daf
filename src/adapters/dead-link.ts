/**
 * The first link along a path that leads nowhere. A write through such a link fails with an error
 * code that describes something else — mkdir of a broken link says EEXIST ("a file stands there"),
 * a file written through one says ENOENT — so the CLI asks the file system what truly stands in the
 * way before it tells the user.
 */
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';

/** A link whose target does not exist, or one of a loop of links that never reaches an entry. */
export type DeadLink =
  | { readonly kind: 'missing-target'; readonly link: string; readonly target: string }
  | { readonly kind: 'loop'; readonly link: string };

/** The outermost dead link on the way to `entry` (absolute), itself included; none if all lead somewhere. */
export function deadLinkOnPath(entry: string): DeadLink | undefined {
  for (const step of stepsTo(entry)) {
    const found = deadLinkAt(step);
    if (found !== 'go-on') return found;
  }
  return undefined;
}

/** `/a`, `/a/b`, `/a/b/c` for `/a/b/c`: each entry the system passes through, outermost first. */
function stepsTo(entry: string): string[] {
  const steps: string[] = [];
  let current = path.resolve(entry);
  while (path.dirname(current) !== current) {
    steps.unshift(current);
    current = path.dirname(current);
  }
  return steps;
}

/** The dead link at `step`; `undefined` when nothing further can be learnt there; 'go-on' when it leads on. */
function deadLinkAt(step: string): DeadLink | undefined | 'go-on' {
  const entry = quietly(() => lstatSync(step, { throwIfNoEntry: false }));
  // Nothing there (or a folder we may not search): whatever failed, no link is to blame.
  if (entry === undefined) return undefined;
  if (!entry.isSymbolicLink()) return 'go-on';
  try {
    statSync(step);
    return 'go-on';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'loop', link: step };
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { kind: 'missing-target', link: step, target: readlinkSync(step) };
    }
    return undefined;
  }
}

function quietly<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
