/**
 * The floor of a contract diff, as a whole process: read both files, JSON.parse them and visit every
 * node. Plain JavaScript, so it pays nothing but Node's own startup. `node floor.mjs <a> <b>`
 */
import { readFile } from 'node:fs/promises';

function visitAll(value) {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (node !== null && typeof node === 'object') {
      if (Array.isArray(node)) for (const item of node) stack.push(item);
      else for (const key in node) stack.push(node[key]);
    }
  }
  return count;
}

const values = await Promise.all(
  process.argv.slice(2).map(async (f) => JSON.parse(await readFile(f, 'utf8'))),
);
process.stdout.write(`${values.reduce((n, v) => n + visitAll(v), 0)} nodes\n`);
