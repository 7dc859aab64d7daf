/**
 * `npm run build` (after `tsc`): bundles the CLI (src/cli/main.ts and what it imports) into
 * build/cli/, the package's `bin`. Loading ~180 one-file modules cost a diff ~55 ms of CPU before it
 * read anything (checks, views, the command modules); one entry file plus one chunk per command's
 * lazily imported engine costs a few. Dependencies stay in node_modules (`packages: 'external'`):
 * Node loads them as it would from the compiled sources. `import()` stays lazy: each command's
 * engine is a chunk loaded when the command runs, so `--help` loads no engine.
 */
import { realpathSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BUNDLE_DIR = fileURLToPath(new URL('../../build/cli/', import.meta.url));

export async function bundleCli(): Promise<void> {
  // Chunk names carry a content hash: clear the folder so old chunks do not pile up in the package.
  rmSync(CLI_BUNDLE_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: ['src/cli/main.ts'],
    outdir: CLI_BUNDLE_DIR,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    platform: 'node',
    // The oldest Node the CLI runs on (these machines); the Action runs its own bundle on Node 24.
    target: 'node20',
    // Keep `with { type: 'json' }` on JSON imported from dependencies (Node refuses the import
    // without it); esbuild would drop it for node20, whose first releases spelled it `assert`.
    supported: { 'import-attributes': true },
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  bundleCli().then(
    () => process.stdout.write(`${CLI_BUNDLE_DIR} written\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
