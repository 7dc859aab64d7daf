/**
 * Who the app is on GitHub: its login (`<slug>[bot]`) and id. Both are needed to tell its own events
 * and check runs from others', and neither is known before the first request unless configured, so
 * they are looked up lazily, once.
 */
import { loggedError } from './log-text.js';
import type { Probot } from 'probot';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import { authenticatedApp } from '../adapters/github/app-identity.js';
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import type { Logger } from './jobs.js';

export interface IdentityLookup {
  login(): Promise<string>;
  appId(): Promise<number>;
}

/**
 * The app's login and id, looked up once (`GET /app`, through the GitHub client and its answer
 * checks) unless both are given; a failed lookup is not remembered (the next caller asks again).
 */
export function identityLookup(
  app: Probot,
  known: { botLogin?: string; appId?: number },
  client: ClientOptions | undefined,
): IdentityLookup {
  let pending: Promise<AppIdentity> | undefined =
    known.botLogin !== undefined && known.appId !== undefined
      ? Promise.resolve({ login: known.botLogin, appId: known.appId })
      : undefined;
  const lookUp = async (): Promise<AppIdentity> => {
    // Authenticated as the app itself: no repository (app-level requests name none).
    const found = await authenticatedApp(
      new GitHubClient((await app.auth()) as unknown as Octokit, '', '', client),
    );
    return { login: known.botLogin ?? found.login, appId: known.appId ?? found.appId };
  };
  const get = () => {
    const current = (pending ??= lookUp());
    current.catch(() => {
      if (pending === current) pending = undefined;
    });
    return current;
  };
  return { login: async () => (await get()).login, appId: async () => (await get()).appId };
}

/**
 * True for events whose sender is this app: its own actions must not trigger it again. While its
 * login cannot be looked up, a bot sender counts as foreign (logged).
 */
export function ownEventTest(
  identity: IdentityLookup,
  log: Logger,
): (sender: { type?: string; login?: string } | undefined) => Promise<boolean> {
  return async (sender) => {
    if (sender?.type !== 'Bot') return false;
    try {
      return sender.login === (await identity.login());
    } catch (error) {
      log.warn(
        { err: loggedError(error) },
        'could not look up the app login; treating the bot event as foreign',
      );
      return false;
    }
  };
}
