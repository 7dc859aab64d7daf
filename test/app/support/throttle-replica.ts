/**
 * One "replica" for the shared-throttle test: Probot's octokit for an installation as the app builds
 * it — Probot's own throttling local to the process (the server does not hand Probot `REDIS_URL`) and,
 * with REDIS_URL set, the app's shared write budget on top — making WRITES concurrent write requests
 * for one installation against the loopback server at GHE_HOST. Prints "done" when all are answered.
 */
import { Probot } from 'probot';
import type { Octokit } from '../../../src/adapters/github/client.js';
import { SharedThrottle } from '../../../src/app/shared-throttle.js';

const env = process.env;
const probot = new Probot({
  appId: 1,
  privateKey: env.PRIVATE_KEY!,
  baseUrl: `http://${env.GHE_HOST}/api/v3`,
  logLevel: 'warn',
});
const installation = Number(env.INSTALLATION);
const octokit = (await probot.auth(installation)) as unknown as Octokit;
const throttle = env.REDIS_URL ? new SharedThrottle({ url: env.REDIS_URL }) : undefined;
throttle?.apply(octokit, installation);
await Promise.all(
  Array.from({ length: Number(env.WRITES) }, (_, i) =>
    octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: 'acme',
      repo: 'shop',
      name: `${env.REPLICA} write ${i}`,
      head_sha: 'a'.repeat(40),
    }),
  ),
);
throttle?.close();
process.stdout.write('done\n');
process.exit(0);
