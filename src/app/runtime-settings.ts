/**
 * What every job runs with, derived once from the app's options: the review's settings and, unless
 * the sign-off gate is off, the sign-off's (which share the review's validator, client and blob cache).
 */
import type { Probot } from 'probot';
import type { SchemaValidator } from '../load/schema-validation.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import type { BlobCache } from '../adapters/github/file-source.js';
import { REVIEW_CHECK_NAME, SIGNOFF_CHECK_NAME } from './check-name.js';
import type { JobSettings } from './jobs.js';
import type { ReviewSettings } from './review-job.js';
import type { SignoffSettings } from './signoff-job.js';
import type { IdentityLookup } from './identity-lookup.js';
import type { AppOptions } from './app-options.js';

/** The app's context the settings are built from; `blobs` is shared by every job and worker thread. */
export interface SettingsSources {
  app: Probot;
  options: AppOptions;
  identity: IdentityLookup;
  blobs: BlobCache;
}

export function jobSettingsFor(sources: SettingsSources): JobSettings {
  const review = reviewSettingsFor(sources);
  return {
    review,
    signoff: sources.options.signoff === false ? undefined : signoffSettingsFor(review, sources),
  };
}

function reviewSettingsFor({ app, options, identity, blobs }: SettingsSources): ReviewSettings {
  const ruleSet = options.ruleSet ?? RULE_SET;
  return {
    checkName: options.checkName ?? REVIEW_CHECK_NAME,
    ruleSet,
    // Worker threads compile their own: this thread compiles the schemas (~0.7 s) only if it runs a job.
    validator: options.workerThreads ? compiledOnFirstUse() : createSchemaValidator(),
    docs: ruleDocs(ruleSet, options.docsUrl ? { docsUrl: options.docsUrl } : {}),
    ...(options.client ? { client: options.client } : {}),
    log: app.log,
    blobs,
    appId: identity.appId,
    botLogin: identity.login,
    retriedByQueue: true,
  };
}

function signoffSettingsFor(review: ReviewSettings, { identity, blobs }: SettingsSources): SignoffSettings {
  return {
    checkName: SIGNOFF_CHECK_NAME,
    reviewCheckName: review.checkName,
    validator: review.validator,
    botLogin: identity.login,
    appId: identity.appId,
    ...(review.client ? { client: review.client } : {}),
    blobs,
  };
}

function compiledOnFirstUse(): SchemaValidator {
  let validator: SchemaValidator | undefined;
  const get = () => (validator ??= createSchemaValidator());
  return {
    validate: (type, value) => get().validate(type, value),
    get contracts() {
      return get().contracts;
    },
  };
}
