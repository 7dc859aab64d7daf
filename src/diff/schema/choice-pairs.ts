/**
 * Which of two views' choices are the same choice. A schema may make several (`oneOf` beside `anyOf`,
 * a choice in each `allOf` member); the first read is the view's own (`alternatives`), the rest are
 * further choices (`moreChoices`). Which one comes first depends on what each side holds: a `oneOf`
 * of one alternative beside null is merged into the view, not read as a choice, so a side that adds
 * a second alternative to it reads that `oneOf` first and the other side its `anyOf`. Paired by
 * reading order, unrelated choices were compared with each other and every alternative of each said
 * to have come or gone.
 *
 * So choices are paired by what they are: the same keyword at the same place first, then the same
 * keyword elsewhere (an `allOf` member moved) in the order written, then the rest in that order. A
 * choice only one side makes is judged against the other side's view as a whole, as the view's own
 * choice (choice-and-schema.ts); one more than that is left unpaired (an `allOf` member's news in all
 * but name).
 */
import type { SchemaEnv } from './compare.js';
import type { Choice, SchemaView } from './view.js';

type Pair = [Choice | undefined, Choice | undefined];

/** The two views with their choices arranged so that the view's own and each further choice pair up. */
export function withChoicesPaired(env: SchemaEnv, b: SchemaView, h: SchemaView): [SchemaView, SchemaView] {
  // One choice or none on each side: the view's own are the only pair (most schemas).
  if (!b.moreChoices && !h.moreChoices) return [b, h];
  const pairs = pairChoices(env, choicesOf(b), choicesOf(h));
  // A choice one side makes alone goes first: the view's own, judged against the other view whole.
  const first = pairs.find(([bc, hc]) => !bc || !hc) ?? pairs[0];
  // Any other choice made on one side only is left unpaired.
  const more = pairs.filter((pair): pair is [Choice, Choice] => pair !== first && !!pair[0] && !!pair[1]);
  const [bMore, hMore] = [more.map(([bc]) => bc), more.map(([, hc]) => hc)];
  return [arranged(b, first?.[0], bMore), arranged(h, first?.[1], hMore)];
}

function pairChoices(env: SchemaEnv, base: Choice[], head: Choice[]): Pair[] {
  const pairs: Pair[] = [];
  const headLeft = [...head];
  const take = (i: number) => headLeft.splice(i, 1)[0]!;
  const byPlace = base.filter((bc) => {
    const i = headLeft.findIndex((hc) => env.structural.samePlace(bc.place, hc.place));
    if (i >= 0) pairs.push([bc, take(i)]);
    return i < 0;
  });
  const byKeyword = byPlace.filter((bc) => {
    const i = headLeft.findIndex((hc) => hc.exclusive === bc.exclusive);
    if (i >= 0) pairs.push([bc, take(i)]);
    return i < 0;
  });
  const rest = Math.max(byKeyword.length, headLeft.length);
  for (let i = 0; i < rest; i++) pairs.push([byKeyword[i], headLeft[i]]);
  return pairs;
}

/** The view's own choice (where it makes one) and its further choices, in the order read. */
function choicesOf(view: SchemaView): Choice[] {
  const own: Choice[] = view.alternatives
    ? [
        {
          branches: view.alternatives,
          exclusive: view.exclusive,
          place: view.origin.get('alternatives') ?? view.place,
        },
      ]
    : [];
  return [...own, ...(view.moreChoices ?? [])];
}

/** The view with this choice as its own (none: it makes none of its own) and these further ones. */
function arranged(view: SchemaView, own: Choice | undefined, more: Choice[]): SchemaView {
  const origin = new Map(view.origin);
  if (own) origin.set('alternatives', own.place);
  return {
    ...view,
    alternatives: own?.branches,
    exclusive: own?.exclusive ?? false,
    moreChoices: more.length > 0 ? more : undefined,
    origin,
  };
}
