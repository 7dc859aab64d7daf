import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shortProcessFlag } from './tiering.js';

const run = promisify(execFile);

describe('shortProcessFlag', () => {
  it('raises the interrupt budget on V8 11 (Node 20) and the Turbofan invocation count from V8 12 (Node 22, 24)', () => {
    expect(shortProcessFlag('11.3.244.8-node.38')).toBe('--interrupt-budget=1000000');
    expect(shortProcessFlag('12.4.254.21-node.57')).toBe('--invocation-count-for-turbofan=45000');
    expect(shortProcessFlag('13.6.233.17-node.63')).toBe('--invocation-count-for-turbofan=45000');
  });

  it("names a flag this Node's V8 knows: setting it prints nothing", async () => {
    const flag = shortProcessFlag(process.versions.v8);
    const { stdout } = await run(process.execPath, ['--v8-options']);
    expect(stdout).toContain(`  ${flag.split('=')[0]} (`);
    const { stderr } = await run(process.execPath, [
      '-e',
      `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`,
    ]);
    expect(stderr).toBe('');
  });
});
