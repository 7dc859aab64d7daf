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

export const BUILT_SERVER = path.join(ROOT, 'build/src/app/server.js');

/** The compiled sources under `root`: TypeScript files in the compiled folders, not tests, not fixtures. */
function compiledSources(root: string): string[] {
  return COMPILED_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(folder, file))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
      .filter((file) => !file.split(path.sep).includes('fixtures')),
  );
}

/**
 * Why the build in `root` cannot stand in for its sources (a source with no output, or one changed
 * after it), if it cannot.
 */
export function staleBuild(root = ROOT): string | undefined {
  for (const source of compiledSources(root)) {
    const output = path.join('build', source.replace(/\.ts$/, '.js'));
    const built = path.join(root, output);
    if (!existsSync(built)) return `${output} is missing (its source: ${source})`;
    if (statSync(path.join(root, source)).mtimeMs > statSync(built).mtimeMs)
      return `${source} changed after ${output} was built`;
  }
  return undefined;
}

/** The built server entry; throws, saying what to run, when the build is missing or older than src/. */
export function builtServer(): string {
  const stale = staleBuild();
  if (stale)
    throw new Error(
      `the app's process tests run the built app (${path.relative(ROOT, BUILT_SERVER)}, as \`npm start\` does), ` +
        `but ${stale}: run \`npm run build\` first`,
    );
  return BUILT_SERVER;
}
