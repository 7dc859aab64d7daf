import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: the whole run writes its temporary folders (test repositories, CLI outputs,
 * app working folders, git and Redis data) under one folder of its own, removed when the run ends.
 * Tests call `os.tmpdir()` and never clean up one by one — a run used to leave ~100 folders behind,
 * thousands on a machine that runs the suite all day. `TMPDIR` is read by `os.tmpdir()` in the test
 * workers (started after this, with this environment) and by every child process they spawn.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'blueprint-review-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
