/**
 * The diff on the evaluation set (cases.ts): breaking pairs caught (an error reported) and safe
 * pairs kept (no error), each at least 95%. The failures are listed by name when it fails.
 */
import { describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { diffTexts } from '../support/diff-pair.js';

async function verdict(base: string, head: string): Promise<{ breaking: boolean; problems: string[] }> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  return {
    breaking: result.changes.some((c) => c.severity === 'error'),
    problems: result.problems.map((p) => p.message),
  };
}

describe('the diff on the evaluation set', () => {
  it('has well-formed, distinct cases of both kinds', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CASES.filter((c) => c.breaking).length).toBeGreaterThan(100);
    expect(CASES.filter((c) => !c.breaking).length).toBeGreaterThan(100);
  });

  it('catches at least 95% of breaking pairs and keeps at least 95% of safe pairs', async () => {
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    const broken: string[] = [];
    for (const c of CASES) {
      const { breaking, problems } = await verdict(c.base, c.head);
      if (problems.length > 0) broken.push(`${c.name}: ${problems.join('; ')}`);
      if (c.breaking && !breaking) missed.push(c.name);
      if (!c.breaking && breaking) falseAlarms.push(c.name);
    }
    const breakingCount = CASES.filter((c) => c.breaking).length;
    const safeCount = CASES.length - breakingCount;
    const recall = (breakingCount - missed.length) / breakingCount;
    const kept = (safeCount - falseAlarms.length) / safeCount;
    expect(broken).toEqual([]);
    expect({ recall: recall >= 0.95, missed }).toEqual({ recall: true, missed: expect.any(Array) });
    expect({ kept: kept >= 0.95, falseAlarms }).toEqual({ kept: true, falseAlarms: expect.any(Array) });
  }, 60_000);
});
