/**
 * `npm start`'s entry, `build/src/app/server.js`, for the tests that start the app as a real process.
 * Started from the TypeScript sources through tsx, every process (and each of its worker threads)
 * transpiled the app again: seconds of CPU per start, and the replica tests start dozens. `npm ci`
 * builds `build/` (`prepare`); a build older than the sources would test code that is no longer there,
 * so it is refused, naming the file, rather than used.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm run build` compiles (tsconfig.build.json): these folders, less tests and fixtures. */
const COMPILED_FOLDERS = ['src', 'rules'];

/**
 * What `npm run build` writes that tests run: `npm start`'s entry (tsc's output of src/app/server.ts),
 * the app function `probot run` loads, the app's worker threads' entry, and the package's bin (the CLI bundled by src/cli/bundle.ts, from src/ and rules/).
 */
export const BUILT = {
  server: 'build/src/app/server.js',
  /** The app function `probot run` loads (the package's default export of src/app/index.ts). */
  app: 'build/src/app/index.js',
  worker: 'build/src/app/worker-thread.js',
  cli: 'build/cli/main.js',
} as const;

/** The compiled sources under `root`: TypeScript files in the compiled folders, not tests, not fixtures. */
function compiledSources(root: string): string[] {
  return COMPILED_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(folder, file))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
      .filter((file) => !file.split(path.sep).includes('fixtures')),
  );
}

/** When `file` under `root` was last changed; undefined when it does not exist. */
function changedAt(root: string, file: string): number | undefined {
  const full = path.join(root, file);
  return existsSync(full) ? statSync(full).mtimeMs : undefined;
}

/**
 * Why the build in `root` cannot stand in for its sources, if it cannot: a source with no output, or
 * one changed after its output or after the CLI bundle (which may hold any of them) was written.
 */
export function staleBuild(root = ROOT): string | undefined {
  const bundled = changedAt(root, BUILT.cli);
  if (bundled === undefined) return `${BUILT.cli} is missing`;
  for (const source of compiledSources(root)) {
    const output = path.join('build', source.replace(/\.ts$/, '.js'));
    const built = changedAt(root, output);
    if (built === undefined) return `${output} is missing (its source: ${source})`;
    const changed = changedAt(root, source)!;
    if (changed > built) return `${source} changed after ${output} was built`;
    if (changed > bundled) return `${source} changed after ${BUILT.cli} was built`;
  }
  return undefined;
}

/**
 * The absolute path of a built entry (`npm start`'s or the bin's); throws, saying what to run, when
 * the build is missing or older than the sources.
 */
export function builtEntry(entry: keyof typeof BUILT): string {
  const stale = staleBuild();
  if (stale)
    throw new Error(
      `this test runs the built ${entry} (${BUILT[entry]}), but ${stale}: run \`npm run build\` first`,
    );
  return path.join(ROOT, BUILT[entry]);
}
