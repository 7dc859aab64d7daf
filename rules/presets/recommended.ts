import type { Preset } from '../../src/engine/rule-set.js';

/** Every rule at the severity its author chose: the catalogue's considered default. */
export const recommended: Preset = (rule) => rule.meta.severity;
