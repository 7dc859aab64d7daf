/**
 * The rule registry: every rule, listed explicitly (no directory scanning), so a rule exists only
 * when it is registered here — and the registry test then demands its docs and tests.
 */
import type { RuleSet } from '../src/engine/rule-set.js';
import type { AnyRule } from '../src/engine/rule.js';
import { recommended } from './presets/recommended.js';
import { strict } from './presets/strict.js';
import closedEventPayload from './contracts/closed-event-payload.js';
import duplicateDocument from './contracts/duplicate-document.js';
import errorFormatMismatch from './contracts/error-format-mismatch.js';
import eventWithoutDedupKey from './contracts/event-without-dedup-key.js';
import messageWithoutSchema from './contracts/message-without-schema.js';
import noVersioningStrategy from './contracts/no-versioning-strategy.js';
import objectWithoutRequired from './contracts/object-without-required.js';
import operationWithoutErrorResponse from './contracts/operation-without-error-response.js';
import pathVersionMismatch from './contracts/path-version-mismatch.js';
import untypedProperty from './contracts/untyped-property.js';
import versionNotSemver from './contracts/version-not-semver.js';
import adrFrontMatterIncomplete from './decisions/adr-front-matter-incomplete.js';
import adrMissingSections from './decisions/adr-missing-sections.js';
import adrTooFewOptions from './decisions/adr-too-few-options.js';
import decisionNotAccepted from './decisions/decision-not-accepted.js';
import flowWithoutDecision from './decisions/flow-without-decision.js';
import supersededWithoutSuccessor from './decisions/superseded-without-successor.js';
import asyncFlowWithoutDeadLetter from './error-handling/async-flow-without-dead-letter.js';
import atLeastOnceWithoutIdempotency from './error-handling/at-least-once-without-idempotency.js';
import backoffWithoutJitter from './error-handling/backoff-without-jitter.js';
import batchWithoutFailurePolicy from './error-handling/batch-without-failure-policy.js';
import calleeTimeoutExceedsCaller from './error-handling/callee-timeout-exceeds-caller.js';
import circuitBreakerInvalid from './error-handling/circuit-breaker-invalid.js';
import deadLetterIncomplete from './error-handling/dead-letter-incomplete.js';
import deadLetterWithoutAlert from './error-handling/dead-letter-without-alert.js';
import missingAlerts from './error-handling/missing-alerts.js';
import retriesWithoutCircuitBreaker from './error-handling/retries-without-circuit-breaker.js';
import retryAmplification from './error-handling/retry-amplification.js';
import retryExceedsTimeout from './error-handling/retry-exceeds-timeout.js';
import retryNonIdempotentOperation from './error-handling/retry-non-idempotent-operation.js';
import retryWithoutBackoff from './error-handling/retry-without-backoff.js';
import retryWithoutMaxInterval from './error-handling/retry-without-max-interval.js';
import syncFlowWithoutTimeout from './error-handling/sync-flow-without-timeout.js';
import consistencyUnmet from './requirements/consistency-unmet.js';
import flowWithoutRequirement from './requirements/flow-without-requirement.js';
import freshnessUnmet from './requirements/freshness-unmet.js';
import orderingWithoutKey from './requirements/ordering-without-key.js';
import requirementWithoutFlow from './requirements/requirement-without-flow.js';
import systemWithoutTechnicalRequirements from './requirements/system-without-technical-requirements.js';
import volumeExceedsRateLimit from './requirements/volume-exceeds-rate-limit.js';
import authSchemeMismatch from './security/auth-scheme-mismatch.js';
import authWithoutRationale from './security/auth-without-rationale.js';
import externalSensitiveWithoutEncryption from './security/external-sensitive-without-encryption.js';
import flowWithoutAuth from './security/flow-without-auth.js';
import mtlsWithoutCertificateRotation from './security/mtls-without-certificate-rotation.js';
import oauth2ClientCredentialsIncomplete from './security/oauth2-client-credentials-incomplete.js';
import operationWithoutSecurity from './security/operation-without-security.js';
import regulatedWithoutAudit from './security/regulated-without-audit.js';
import sensitiveFieldWithoutMasking from './security/sensitive-field-without-masking.js';
import sharedCredential from './security/shared-credential.js';
import staticCredentialWithoutRotation from './security/static-credential-without-rotation.js';
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
  closedEventPayload,
  duplicateDocument,
  errorFormatMismatch,
  eventWithoutDedupKey,
  messageWithoutSchema,
  noVersioningStrategy,
  objectWithoutRequired,
  operationWithoutErrorResponse,
  pathVersionMismatch,
  untypedProperty,
  versionNotSemver,
  adrFrontMatterIncomplete,
  adrMissingSections,
  adrTooFewOptions,
  decisionNotAccepted,
  flowWithoutDecision,
  supersededWithoutSuccessor,
  asyncFlowWithoutDeadLetter,
  atLeastOnceWithoutIdempotency,
  backoffWithoutJitter,
  batchWithoutFailurePolicy,
  calleeTimeoutExceedsCaller,
  circuitBreakerInvalid,
  deadLetterIncomplete,
  deadLetterWithoutAlert,
  missingAlerts,
  retriesWithoutCircuitBreaker,
  retryAmplification,
  retryExceedsTimeout,
  retryNonIdempotentOperation,
  retryWithoutBackoff,
  retryWithoutMaxInterval,
  syncFlowWithoutTimeout,
  consistencyUnmet,
  flowWithoutRequirement,
  freshnessUnmet,
  orderingWithoutKey,
  requirementWithoutFlow,
  systemWithoutTechnicalRequirements,
  volumeExceedsRateLimit,
  authSchemeMismatch,
  authWithoutRationale,
  externalSensitiveWithoutEncryption,
  flowWithoutAuth,
  mtlsWithoutCertificateRotation,
  oauth2ClientCredentialsIncomplete,
  operationWithoutSecurity,
  regulatedWithoutAudit,
  sensitiveFieldWithoutMasking,
  sharedCredential,
  staticCredentialWithoutRotation,
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
