/**
 * One "replica" for the shared-throttle test: Probot as `npm start` builds it (Probot's own throttling,
 * clustered through Redis when REDIS_URL is set — Probot imports ioredis on demand, which must
 * resolve from node_modules without a network), making WRITES concurrent write requests for one
 * installation against the loopback server at GHE_HOST. Prints "done" when all are answered.
 */
import { Probot } from 'probot';

const env = process.env;
const probot = new Probot({
  appId: 1,
  privateKey: env.PRIVATE_KEY!,
  baseUrl: `http://${env.GHE_HOST}/api/v3`,
  ...(env.REDIS_URL ? { redisConfig: env.REDIS_URL } : {}),
  logLevel: 'warn',
});
const octokit = await probot.auth(Number(env.INSTALLATION));
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
process.stdout.write('done\n');
process.exit(0);
