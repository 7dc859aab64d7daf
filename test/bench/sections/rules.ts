/**
 * How each rule's cost grows with the blueprint: every rule run alone over the models of generated
 * blueprints with 200 and 1,000 contracts (loaded once, without contract validation), median of
 * several runs. Linear rules take about 5× as long for 5× the size.
 */
import { DiskFileSource } from '../../../src/adapters/disk-file-source.js';
import type { EffectiveRule } from '../../../src/engine/config.js';
import { lintModel } from '../../../src/engine/lint.js';
import { defineRule } from '../../../src/engine/rule.js';
import { resolveRules } from '../../../src/engine/rule-set.js';
import { loadBlueprint } from '../../../src/load/load-blueprint.js';
import { buildModel } from '../../../src/model/build-model.js';
import type { BlueprintModel, Flow } from '../../../src/model/types.js';
import { RULE_SET } from '../../../rules/index.js';
import { generateBlueprint } from '../generate-blueprint.js';
import { median } from '../process-usage.js';
import type { Section } from './section.js';
import { generatedRepository } from './lint.js';

const SMALL = 200;
const LARGE = 1000;

/**
 * Milliseconds per call of `small` and of `large`: medians of `runs` samples taken alternately (so
 * a change in the machine's load hits both alike), each sample repeating the call until it has
 * taken at least 20 ms (one call of a cheap rule is below what a shared machine can time), after
 * one unmeasured call of each (so compiling the code is not counted).
 */
function timed(runs: number, small: () => void, large: () => void): { small: number; large: number } {
  const sample = (work: () => void) => {
    const start = performance.now();
    let calls = 0;
    do {
      work();
      calls++;
    } while (performance.now() - start < 20);
    return (performance.now() - start) / calls;
  };
  small();
  large();
  const samples = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < runs; i++) {
    samples.small.push(sample(small));
    samples.large.push(sample(large));
  }
  return { small: median(samples.small), large: median(samples.large) };
}

async function model(contracts: number): Promise<BlueprintModel> {
  const repo = generatedRepository(contracts);
  const { root } = generateBlueprint({ contracts: 1 });
  const { model } = await loadBlueprint(new DiskFileSource(repo), root, { validateContracts: false });
  if (!model) throw new Error(`the generated blueprint of ${contracts} contracts did not load`);
  return model;
}

/**
 * Controls: rules that report nothing and do the least a flow rule can, to tell a rule's own cost
 * from the machine's. Visiting each flow is linear; reading each flow's contract document reaches
 * an object loaded far from the flow in memory (contracts are parsed after the model is built), and
 * on a shared machine that reach alone grows faster than the blueprint once the large model's objects
 * no longer fit the caches. A cheap rule that grows like the second control does no more than it.
 */
function control(id: string, flow: (flow: Flow) => void): EffectiveRule {
  return {
    rule: defineRule({
      meta: {
        id,
        category: 'topology',
        severity: 'info',
        description: id,
        rationale: id,
        sources: [],
        messages: {},
        examples: { bad: [], good: [] },
      },
      create: () => ({ flow }),
    }),
    severity: 'info',
    options: {},
  };
}

const CONTROLS = [
  control('(control: visit each flow)', (flow) => {
    if (flow.id === '') throw new Error('a flow without an id');
  }),
  control("(control: read each flow's contract kind)", (flow) => {
    if (flow.resolved.contract?.document?.kind === undefined && flow.contract) throw new Error('no contract');
  }),
];

export const rulesSection = (runs: number): Section => ({
  name: 'rules',
  title: `rules: each rule alone, ${SMALL} → ${LARGE} contracts (median of ${runs})`,
  async run() {
    const { rules } = resolveRules(RULE_SET, { rules: {} });
    const [small, large] = [await model(SMALL), await model(LARGE)] as const;
    const rebuild = (m: BlueprintModel) => {
      const parts = (prefix: string) =>
        [...m.documents.values()]
          .filter((d) => d.file.startsWith(`${m.root}/${prefix}`))
          .map((doc) => ({ doc, value: doc.value as Record<string, unknown> }));
      const input = {
        root: m.root,
        parts: [...parts('blueprint.yaml'), ...parts('topology/')],
        policies: parts('policies/'),
        adrs: m.adrs,
        documents: m.documents,
      };
      return () => buildModel(input);
    };
    const measured = [
      { id: '(building the model)', ...timed(runs, rebuild(small), rebuild(large)) },
      {
        id: '(all rules)',
        ...timed(
          runs,
          () => lintModel(small, rules),
          () => lintModel(large, rules),
        ),
      },
      ...[...CONTROLS, ...rules].map((rule) => ({
        id: rule.rule.meta.id,
        ...timed(
          runs,
          () => lintModel(small, [rule]),
          () => lintModel(large, [rule]),
        ),
      })),
    ].map((m) => ({ ...m, ratio: m.large / Math.max(m.small, 0.001) }));
    const [building, all, visit, reach, ...perRule] = measured;
    perRule.sort((a, b) => b.ratio - a.ratio);
    const slowest = [...perRule].sort((a, b) => b.large - a.large).slice(0, 5);
    console.log(`  ${'rule'.padEnd(48)} ${String(SMALL).padStart(8)}    ${String(LARGE).padStart(9)}`);
    for (const m of [
      building!,
      all!,
      visit!,
      reach!,
      ...perRule.slice(0, 10),
      ...slowest.filter((m) => !perRule.slice(0, 10).includes(m)),
    ])
      console.log(
        `  ${m.id.padEnd(48)} ${m.small.toFixed(2).padStart(8)} ms ${m.large.toFixed(2).padStart(9)} ms ${m.ratio.toFixed(1).padStart(6)}×`,
      );
    const worst = perRule.slice(0, 4).map((m) => `${m.id} ${m.ratio.toFixed(1)}×`);
    return [
      {
        what: `rules, ${SMALL} → ${LARGE} contracts (5× the size)`,
        now: `all rules ${all!.ratio.toFixed(1)}× (${all!.small.toFixed(0)} → ${all!.large.toFixed(0)} ms); model ${building!.ratio.toFixed(1)}×; slowest-growing: ${worst.join(', ')}; controls: visiting each flow ${visit!.ratio.toFixed(1)}×, reading each flow's contract kind ${reach!.ratio.toFixed(1)}×`,
        before:
          'all rules 14×; requirement-without-flow 26×, volume-exceeds-rate-limit 29×, path-version-mismatch 19×, operation-without-error-response 18×',
        target: 'linear (≈ 5×)',
      },
    ];
  },
});
