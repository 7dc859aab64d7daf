/**
 * The Docker image, checked without a Docker engine: the Dockerfile's properties by parsing it, and the
 * image's start command by running it here (same command, same environment) and asking its health route.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { commandOf, parseDockerfile, stages } from './dockerfile.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const instructions = parseDockerfile(read('Dockerfile'));
const all = stages(instructions);
const build = all[0]!;
const runtime = all[all.length - 1]!;
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const runs = (stage: typeof build) =>
  stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args.replace(/\s+/g, ' '));

/** `node_modules/.bin/probot run x` and `probot run x` are the same command: npm puts .bin on the PATH. */
function startCommand(): string[] {
  return pkg.scripts.start!.trim().split(/\s+/);
}

describe('the Dockerfile parser', () => {
  it('joins continuation lines, skips comments and reads flags', () => {
    const parsed = parseDockerfile('# c\nFROM a AS b\nRUN x \\\n  # inside\n  && y\nCOPY --from=b /s /d\n');
    expect(parsed).toEqual([
      { keyword: 'FROM', flags: {}, args: 'a AS b', line: 2 },
      { keyword: 'RUN', flags: {}, args: 'x && y', line: 3 },
      { keyword: 'COPY', flags: { from: 'b' }, args: '/s /d', line: 6 },
    ]);
    expect(commandOf('["a", "b c"]')).toEqual(['a', 'b c']);
    expect(commandOf('a b')).toEqual(['/bin/sh', '-c', 'a b']);
  });
});

describe('Dockerfile', () => {
  it('is multi-stage on a slim image of Node 24, the supported LTS line, within the declared engines', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      const match = /^node:(24)(\.\d+\.\d+)?-(bookworm|trixie)-slim(@sha256:[0-9a-f]{64})?$/.exec(
        stage.image,
      );
      expect(match, stage.image).not.toBeNull();
      expect(semver.satisfies(`${match![1]}${match![2] ?? '.0.0'}`, pkg.engines.node)).toBe(true);
    }
    expect(build.name).toBeDefined();
  });

  it('builds with npm ci and npm run build in the build stage', () => {
    expect(runs(build).some((r) => /^npm ci\b/.test(r))).toBe(true);
    expect(runs(build)).toContain('npm run build');
  });

  it('installs production dependencies only, without lifecycle scripts, and copies build/ from the build stage', () => {
    expect(runs(runtime).some((r) => /^npm ci --omit=dev --ignore-scripts\b/.test(r))).toBe(true);
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' && i.flags.from === build.name);
    expect(copies.map((c) => c.args)).toContain('/app/build ./build');
    expect(runs(runtime).join('\n')).not.toMatch(/npm run build|tsc/);
  });

  it('runs as a non-root user, set before the command', () => {
    const user = runtime.instructions.filter((i) => i.keyword === 'USER').pop();
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    const cmd = runtime.instructions.find((i) => i.keyword === 'CMD')!;
    expect(user!.line).toBeLessThan(cmd.line);
  });

  it('checks health on the route the Probot server really serves', () => {
    const health = runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
    expect(health.args.startsWith('CMD ')).toBe(true);
    const command = commandOf(health.args.slice(4));
    expect(command.join(' ')).toContain("/ping'");
    // Probot 14's server answers GET /ping with 200 "PONG" (lib/server/handlers/ping.js).
    const ping = readFileSync(
      new URL('../../node_modules/probot/lib/server/handlers/ping.js', import.meta.url),
      'utf8',
    );
    expect(ping).toContain('"/ping"');
    const env = runtime.instructions.find((i) => i.keyword === 'ENV')!.args;
    expect(env).toMatch(/PORT=3000/);
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/NODE_ENV=production/);
    expect(runtime.instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe('3000');
  });

  it('starts the server with the same command as `npm start`', () => {
    const cmd = commandOf(runtime.instructions.find((i) => i.keyword === 'CMD')!.args);
    expect(cmd[0]).not.toBe('/bin/sh'); // exec form: the server is PID 1 and receives SIGTERM
    expect(cmd.map((part) => part.replace(/^node_modules\/\.bin\//, ''))).toEqual(startCommand());
  });

  it('keeps node_modules, build output and git history out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', '.git', 'build', '.env']) expect(ignored).toContain(entry);
  });
});
