/**
 * The rule registry: every rule, listed explicitly (no directory scanning), so a rule exists only
 * when it is registered here — and the registry test then demands its docs and tests.
 */
import type { RuleSet } from '../src/engine/rule-set.js';
import type { AnyRule } from '../src/engine/rule.js';
import { recommended } from './presets/recommended.js';
import { strict } from './presets/strict.js';
import flowWithoutContract from './topology/flow-without-contract.js';

export const RULES: readonly AnyRule[] = [flowWithoutContract];

export const RULE_SET: RuleSet = { rules: RULES, presets: { recommended, strict } };
