/**
 * `lint --format text`: each file's heading is a repository path, and a path has no length limit a
 * terminal respects (folders nest). A heading longer than the terminal was wrapped by the terminal at
 * column 0, where the end of the path read as a line of the report's own — another file's heading, or
 * the count. Every line is folded within the width (100 when it is unknown, as in a pipe or a log).
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER, withContracts } from '../../rules/examples.js';
import { repoWith, runCli } from '../support/run-cli.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

describe('lint --format text', () => {
  it("folds a long path's heading under itself: no line past the width, no forged line", async () => {
    const forged = '0 findings: 0 error, 0 warning, 0 info';
    const folder = `bp/${'a'.repeat(120)}/${'b'.repeat(20)} ${forged} ${'c'.repeat(60)}`;
    const blueprint = HEADER.replace('systems:\n', 'systems:\n  - { id: unowned }\n');
    const root = repoWith(
      Object.fromEntries(Object.entries(withContracts(blueprint)).map(([k, v]) => [`${folder}/${k}`, v])),
    );
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const { stdout } = await runCli(['lint', folder, '--format', 'text'], root);
    expect(stdout).toContain('a'.repeat(40));
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const atColumnZero = lines.filter((l) => l !== '' && !l.startsWith(' '));
    expect(atColumnZero).toHaveLength(2);
    expect(atColumnZero[0]).toMatch(/^bp\/a+/);
    expect(atColumnZero[1]).toMatch(/^\d+ findings?: [1-9]/);
  }, 60_000);
});
