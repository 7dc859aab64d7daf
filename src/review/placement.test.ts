import { describe, expect, it } from 'vitest';
import { parsePatch } from './diff-hunks.js';
import { placeFindings } from './placement.js';
import type { NewFinding } from './types.js';

const PATCH = `@@ -10,6 +10,9 @@ flows:
   - id: place-order
     from: webshop
     to: orders
+    pattern: request-response
+    via: gateway
+    contract: { ref: orders-api }
   - id: order-created
     from: orders
     to: billing
@@ -40,3 +43,4 @@ requirements:
   - id: r1
     description: x
-    owner: a
+    owner: b
+    data: orders`;

function finding(start: number, end = start): NewFinding {
  return {
    id: `f${start}-${end}`,
    ruleId: 'test/rule',
    severity: 'error',
    message: 'm',
    file: 'blueprint.yaml',
    pointer: '',
    range: { start: { line: start, column: 3 }, end: { line: end, column: 9 } },
  };
}

describe('parsePatch', () => {
  it('maps hunks to head-side lines and records the added ones', () => {
    const hunks = parsePatch(PATCH);
    expect(hunks.head.hunks).toEqual([
      { start: 10, end: 18 },
      { start: 43, end: 46 },
    ]);
    expect([...hunks.head.changed].sort((a, b) => a - b)).toEqual([13, 14, 15, 45, 46]);
    expect(hunks.base.hunks).toEqual([
      { start: 10, end: 15 },
      { start: 40, end: 42 },
    ]);
    expect([...hunks.base.changed]).toEqual([42]);
  });

  it('handles a hunk header without a length and a new-file patch', () => {
    expect(parsePatch('@@ -0,0 +1 @@\n+only line').head.hunks).toEqual([{ start: 1, end: 1 }]);
    expect(parsePatch('@@ -0,0 +1 @@\n+only line').base.hunks).toEqual([]);
    expect(parsePatch('@@ -3 +3 @@\n-a\n+b\n\\ No newline at end of file').head.changed).toEqual(
      new Set([3]),
    );
  });
});

describe('placeFindings', () => {
  const files = [{ path: 'blueprint.yaml', status: 'modified' as const, patch: PATCH }];

  it('comments on a finding whose range holds a changed line, at its first line when that is in a hunk', () => {
    const placement = placeFindings([finding(10, 18)], files);
    expect(placement.comments.map((c) => c.line)).toEqual([10]);
    expect(placement.elsewhere).toEqual([]);
  });

  it('moves the comment to the first changed line when the range starts outside every hunk', () => {
    const placement = placeFindings([finding(5, 14)], files);
    expect(placement.comments.map((c) => c.line)).toEqual([13]);
  });

  it('sends findings on unchanged lines, even inside a hunk, to the check run', () => {
    const placement = placeFindings([finding(16), finding(30), finding(43)], files);
    expect(placement.comments).toEqual([]);
    expect(placement.elsewhere.map((f) => f.range.start.line)).toEqual([16, 30, 43]);
  });

  it('comments on removed lines (LEFT side) for a finding located in the base', () => {
    const placement = placeFindings(
      [
        { ...finding(42), side: 'base' },
        { ...finding(41), side: 'base' },
      ],
      files,
    );
    expect(placement.comments.map((c) => [c.side, c.line])).toEqual([['LEFT', 42]]);
    expect(placement.elsewhere.map((f) => f.range.start.line)).toEqual([41]);
  });

  it('sends info findings to the check run even on changed lines', () => {
    const placement = placeFindings([{ ...finding(13), severity: 'info' }], files);
    expect(placement.comments).toEqual([]);
    expect(placement.elsewhere).toHaveLength(1);
  });

  it('never comments on a file without a patch or a removed file', () => {
    const placement = placeFindings(
      [finding(13), { ...finding(1), file: 'gone.yaml' }],
      [
        { path: 'blueprint.yaml', status: 'modified' },
        { path: 'gone.yaml', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
      ],
    );
    expect(placement.comments).toEqual([]);
    expect(placement.elsewhere).toHaveLength(2);
  });
});

describe('the per-review cap on line comments', () => {
  /** A file of `lines` added lines, and a finding of `severity` on each given line. */
  const added = (lines: number) => ({
    path: 'blueprint.yaml',
    status: 'added' as const,
    patch: `@@ -0,0 +1,${lines} @@\n` + Array.from({ length: lines }, (_, i) => `+l${i + 1}`).join('\n'),
  });
  const on = (line: number, severity: NewFinding['severity'], id = `f${line}${severity}`): NewFinding => ({
    ...finding(line),
    id,
    severity,
  });

  it('counts lines, not findings: findings sharing a line stay together', () => {
    const findings = [on(1, 'warning', 'a'), on(1, 'warning', 'b'), on(2, 'warning', 'c')];
    const placement = placeFindings(findings, [added(5)], { maxLineComments: 2 });
    expect(placement.comments.map((c) => c.finding.id)).toEqual(['a', 'b', 'c']);
    expect(placement.capped).toBeUndefined();
  });

  it('keeps the lines with errors first, then file order, and moves the rest to the check, counted', () => {
    const findings = [on(1, 'warning'), on(2, 'warning'), on(3, 'error'), on(4, 'warning'), on(4, 'info')];
    const placement = placeFindings(findings, [added(5)], { maxLineComments: 2 });
    expect(placement.comments.map((c) => c.line)).toEqual([1, 3]);
    expect(placement.elsewhere.map((f) => f.id)).toEqual(['f4info', 'f2warning', 'f4warning']);
    expect(placement.capped).toEqual({ findings: 2, limit: 2 });
  });

  it('posts no line comment with 0, and at most 25 by default even when thousands of lines have findings', () => {
    const findings = Array.from({ length: 13_001 }, (_, i) => on(i + 1, 'warning'));
    expect(placeFindings(findings, [added(13_001)], { maxLineComments: 0 }).comments).toEqual([]);
    const placement = placeFindings(findings, [added(13_001)]);
    expect(placement.comments).toHaveLength(25);
    expect(placement.elsewhere).toHaveLength(12_976);
    expect(placement.capped).toEqual({ findings: 12_976, limit: 25 });
  });
});
