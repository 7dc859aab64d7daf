import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Set while a run's folder exists: each vitest project runs this setup, and the run needs one. */
const RUN_FOLDER = 'BLUEPRINT_REVIEW_TEST_RUN_FOLDER';

/**
 * Vitest global setup: the whole run writes its temporary folders (test repositories, CLI outputs,
 * app working folders, git and Redis data) under one folder of its own, removed when the run ends.
 * Tests call `os.tmpdir()` and never clean up one by one — a run used to leave ~100 folders behind,
 * thousands on a machine that runs the suite all day. `TMPDIR` is read by `os.tmpdir()` in the test
 * workers (started after this, with this environment) and by every child process they spawn.
 * Once per run, not per project: a folder inside another made Chromium's socket path too long.
 */
export default function setup(): () => void {
  if (process.env[RUN_FOLDER]) return () => {};
  const root = mkdtempSync(path.join(tmpdir(), 'blueprint-review-tests-'));
  process.env.TMPDIR = root;
  process.env[RUN_FOLDER] = root;
  return () => {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    delete process.env[RUN_FOLDER];
  };
}
