/**
 * How each rule's cost grows with the blueprint: every rule run alone over the models of generated
 * blueprints with 200 and 1,000 contracts (loaded once, without contract validation), median of
 * several runs. Linear rules take about 5× as long for 5× the size.
 */
import { DiskFileSource } from '../../../src/adapters/disk-file-source.js';
import { lintModel } from '../../../src/engine/lint.js';
import { resolveRules } from '../../../src/engine/rule-set.js';
import { loadBlueprint } from '../../../src/load/load-blueprint.js';
import { buildModel } from '../../../src/model/build-model.js';
import type { BlueprintModel } from '../../../src/model/types.js';
import { RULE_SET } from '../../../rules/index.js';
import { generateBlueprint } from '../generate-blueprint.js';
import { median } from '../process-usage.js';
import type { Section } from './section.js';
import { generatedRepository } from './lint.js';

const SMALL = 200;
const LARGE = 1000;

/** Median time of `runs` runs, after one unmeasured run (so compiling the code is not counted). */
function timed(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function model(contracts: number): Promise<BlueprintModel> {
  const repo = generatedRepository(contracts);
  const { root } = generateBlueprint({ contracts: 1 });
  const { model } = await loadBlueprint(new DiskFileSource(repo), root, { validateContracts: false });
  if (!model) throw new Error(`the generated blueprint of ${contracts} contracts did not load`);
  return model;
}

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
      { id: '(building the model)', small: timed(runs, rebuild(small)), large: timed(runs, rebuild(large)) },
      {
        id: '(all rules)',
        small: timed(runs, () => lintModel(small, rules)),
        large: timed(runs, () => lintModel(large, rules)),
      },
      ...rules.map((rule) => ({
        id: rule.rule.meta.id,
        small: timed(runs, () => lintModel(small, [rule])),
        large: timed(runs, () => lintModel(large, [rule])),
      })),
    ].map((m) => ({ ...m, ratio: m.large / Math.max(m.small, 0.001) }));
    const [building, all, ...perRule] = measured;
    // Rules under 0.05 ms at 1,000 contracts are below what a shared machine can time.
    perRule.sort((a, b) => (b.large >= 0.05 ? b.ratio : 0) - (a.large >= 0.05 ? a.ratio : 0));
    const slowest = [...perRule].sort((a, b) => b.large - a.large).slice(0, 5);
    console.log(`  ${'rule'.padEnd(48)} ${String(SMALL).padStart(8)}    ${String(LARGE).padStart(9)}`);
    for (const m of [
      building!,
      all!,
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
        now: `all rules ${all!.ratio.toFixed(1)}× (${all!.small.toFixed(0)} → ${all!.large.toFixed(0)} ms); model ${building!.ratio.toFixed(1)}×; slowest-growing: ${worst.join(', ')}`,
        target: 'linear (≈ 5×)',
      },
    ];
  },
});
