/**
 * Checks, on a real Redis, that our Lua scripts touch only the keys their call declares (`KEYS`):
 * Redis's scripting contract, which a Redis Cluster or a proxy routing by key relies on to send a
 * script where its keys live. Standalone Redis does not enforce it, so the check watches `MONITOR`:
 * Redis lists each script call, then every command the script issues (source `lua`) before anything
 * else runs (a script is atomic), and `COMMAND GETKEYS` names the keys of each such command.
 * Scripts not named (BullMQ's own) are not checked.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface ScriptKeyAudit {
  /**
   * Stops watching; each script's calls seen (by name), every command that touched an undeclared key,
   * and every call that declared a key named '' (a key all such calls would share, touched or not).
   */
  stop(): Promise<{ calls: Record<string, number>; undeclared: string[]; emptyKeys: string[] }>;
}

interface Logged {
  args: string[];
  source: string;
}

/** An argument as Redis wrote it in the log (`sdscatrepr`'s escapes), as it was sent. */
function unescaped(logged: string): string {
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' };
  return logged.replace(/\\(x[0-9a-f]{2}|.)/g, (_, escape: string) =>
    escape.length === 3 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (named[escape] ?? escape),
  );
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Watches Redis at `url` for calls of `scripts` (name → Lua source) until `stop`. */
export async function auditScriptKeys(url: string, scripts: Record<string, string>): Promise<ScriptKeyAudit> {
  const names = new Map(Object.entries(scripts).map(([name, lua]) => [sha1(lua), name]));
  const logged: Logged[] = [];
  const end = `audit-end-${randomUUID()}`;
  let ended!: () => void;
  const seenEnd = new Promise<void>((resolve) => (ended = resolve));
  const monitor = await new Redis(url).monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[1] === end) ended();
    else logged.push({ args: args.map(unescaped), source });
  });
  return {
    async stop() {
      const client = new Redis(url);
      try {
        await client.echo(end);
        await seenEnd;
        return await judged(client, logged, names);
      } finally {
        client.disconnect();
        monitor.disconnect();
      }
    },
  };
}

async function judged(client: Redis, logged: Logged[], names: Map<string, string>) {
  const calls: Record<string, number> = {};
  const undeclared: string[] = [];
  const emptyKeys: string[] = [];
  let current: { name: string; keys: Set<string> } | undefined;
  for (const { args, source } of logged) {
    if (source !== 'lua') {
      current = scriptCall(args, names);
      if (current) calls[current.name] = (calls[current.name] ?? 0) + 1;
      if (current?.keys.has('')) emptyKeys.push(`${current.name}: ${args.join(' ')}`);
      continue;
    }
    if (!current) continue;
    for (const key of await keysOf(client, args))
      if (!current.keys.has(key)) undeclared.push(`${current.name}: ${args.join(' ')} (key ${key})`);
  }
  return { calls, undeclared, emptyKeys };
}

/** The script a logged command calls, with the keys it declares; undefined for anything else. */
function scriptCall(args: string[], names: Map<string, string>) {
  const [command, script, count] = args;
  const verb = command?.toLowerCase();
  if ((verb !== 'eval' && verb !== 'evalsha') || script === undefined) return undefined;
  const name = names.get(verb === 'eval' ? sha1(script) : script);
  if (!name) return undefined;
  return { name, keys: new Set(args.slice(3, 3 + Number(count))) };
}

async function keysOf(client: Redis, args: string[]): Promise<string[]> {
  try {
    return (await client.call('COMMAND', 'GETKEYS', ...args)) as string[];
  } catch {
    return []; // a command without keys (TIME)
  }
}
