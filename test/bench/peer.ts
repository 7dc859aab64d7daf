/**
 * api-smart-diff on the same pair, in its own process: `peer.ts <cache> <base> <head>` prints one
 * JSON line { changes, breaking }. Installed under .cache/bench/peers by the diff section.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [cacheDir, base, head] = process.argv.slice(2) as [string, string, string];
const entry = path.join(cacheDir, 'peers/node_modules/api-smart-diff/dist/index.mjs');
const { apiCompare } = (await import(pathToFileURL(entry).href)) as {
  apiCompare: (a: unknown, b: unknown) => { diffs: { type: string }[] };
};
const [b, h] = await Promise.all(
  [base, head].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as unknown),
);
const { diffs } = apiCompare(b, h);
process.stdout.write(
  JSON.stringify({ changes: diffs.length, breaking: diffs.filter((d) => d.type === 'breaking').length }) +
    '\n',
);
