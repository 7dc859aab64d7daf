import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Files = Record<string, string>;

/** Every file of `examples/<name>`, keyed by its path under `folder` (as a repository would hold it). */
export function exampleFiles(name = 'order-to-cash', folder = 'blueprint'): Files {
  const root = path.resolve('examples', name);
  const out: Files = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        out[`${folder}/${path.relative(root, full).split(path.sep).join('/')}`] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}
