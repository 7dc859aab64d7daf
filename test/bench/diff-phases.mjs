/**
 * Where a diff's time goes, in one process of the built CLI's modules: importing the diff engine,
 * reading both files, parsing them (JSON.parse, the nesting check, finding the files their `$ref`s
 * reach), comparing, and rendering the text report (which locates each reported place). CPU ms per
 * phase, as JSON on one line. `node diff-phases.mjs <engine folder> <base> <head>`, where the folder
 * holds the engine's index.js, load.js and render.js: `build/src/diff` (compiled, one file per module)
 * or the bundle the bench writes (as the CLI loads it).
 *
 * Phases run in the order the CLI runs them, each once, cold (the JIT warms up as it would).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [engine, basePath, headPath] = process.argv.slice(2);
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const phases = {};
let last = cpu();
const lap = (name) => {
  const now = cpu();
  phases[name] = Math.round(now - last);
  last = now;
};

const load = (module) => import(pathToFileURL(path.join(engine, module)).href);
// V8 tuned as the CLI's entry tunes it (src/cli/tiering.ts), so the phases add up to what the CLI
// spends: in the bench's engine bundle, or beside the compiled engine (build/src/cli).
const tiering = existsSync(path.join(engine, 'tiering.js')) ? 'tiering.js' : '../cli/tiering.js';
(await load(tiering)).tuneForShortProcess();
const [{ diffContracts }, { createParseCache, readContractTree }, { renderDiffText }] = await Promise.all([
  load('index.js'),
  load('load.js'),
  load('render.js'),
]);
lap('imports');

// Read as the CLI's disk source reads (src/adapters/disk-file-source.ts): decoded in one piece.
const texts = await Promise.all([basePath, headPath].map(async (p) => (await readFile(p)).toString('utf8')));
lap('read');

// The parse cache carries the parsed documents into the comparison, which then only compares.
const sides = texts.map((text) => ({
  source: { label: 'bench', read: async () => ({ kind: 'ok', text }), list: async () => [] },
  path: 'api.json',
}));
const cache = createParseCache();
const limits = { maxFileBytes: 1024 * 1024 * 1024 };
await readContractTree('base', sides[0], cache, limits);
await readContractTree('head', sides[1], cache, limits);
lap('parse');

const outcome = await diffContracts(sides[0], sides[1], { cache, limits });
lap('compare');

renderDiffText(outcome);
lap('render');

process.stdout.write(`${JSON.stringify({ ...phases, changes: outcome.changes.length })}\n`);
