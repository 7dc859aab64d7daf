/**
 * `npm run build:action`: bundles the Action (src/action/index.ts and everything it imports) into the
 * single committed file dist/index.js that `action.yml` runs — a JavaScript action cannot `npm ci`.
 * The test suite rebuilds in memory and fails when the committed bundle is stale.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE_PATH = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Some bundled CommonJS dependencies call `require`, which an ES module does not have. */
const BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module';\n" +
  'const require = __bundleCreateRequire(import.meta.url);';

export async function bundleAction(write: boolean): Promise<string> {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['src/action/index.ts'],
    outfile: BUNDLE_PATH,
    bundle: true,
    // Not minified: a change to the sources changes a few lines of the committed bundle, not all of it.
    minify: false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: BANNER },
    // jsonc-parser's `main` is a UMD build whose `require('./impl/format')` a bundler cannot follow;
    // its ES module build bundles cleanly.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    legalComments: 'eof',
    logLevel: 'warning',
    write,
  });
  if (write) return BUNDLE_PATH;
  return result.outputFiles![0]!.text;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  bundleAction(true).then(
    (file) => process.stdout.write(`${file} written\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
