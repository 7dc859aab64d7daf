/**
 * The rule registry: every rule, listed explicitly (no directory scanning), so a rule exists only
 * when it is registered here — and the registry test then demands its docs and tests.
 */
import type { RuleSet } from '../src/engine/rule-set.js';
import type { AnyRule } from '../src/engine/rule.js';
import { recommended } from './presets/recommended.js';
import { strict } from './presets/strict.js';
import asyncFlowWithoutMediator from './topology/async-flow-without-mediator.js';
import contractTypeMismatch from './topology/contract-type-mismatch.js';
import duplicateId from './topology/duplicate-id.js';
import flowPatternMissing from './topology/flow-pattern-missing.js';
import flowWithoutContract from './topology/flow-without-contract.js';
import mediatorKindMismatch from './topology/mediator-kind-mismatch.js';
import orphanSystem from './topology/orphan-system.js';
import ownerRequired from './topology/owner-required.js';
import unknownOperation from './topology/unknown-operation.js';
import unknownReference from './topology/unknown-reference.js';

export const RULES: readonly AnyRule[] = [
  asyncFlowWithoutMediator,
  contractTypeMismatch,
  duplicateId,
  flowPatternMissing,
  flowWithoutContract,
  mediatorKindMismatch,
  orphanSystem,
  ownerRequired,
  unknownOperation,
  unknownReference,
];

export const RULE_SET: RuleSet = { rules: RULES, presets: { recommended, strict } };
