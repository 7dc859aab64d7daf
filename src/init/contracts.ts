/**
 * Reads the OpenAPI and AsyncAPI documents of a repository for `init`: which application each one
 * describes, who owns it, which protocols and auth models it declares, and — for AsyncAPI — what the
 * application sends and receives on which channel. Documents are read through the loader's bounded
 * reader; `$ref`s resolve only inside the snapshot.
 */
import { code } from '../core/inert-text.js';
import type { Finding } from '../core/finding.js';
import type { LocatedDocument } from '../core/located-document.js';
import { getAtPointer } from '../core/pointer.js';
import { resolveRef } from '../core/refs.js';
import {
  describeContract,
  detectContractKind,
  isRecord,
  misdeclaredSpecVersion,
} from '../load/contract-model.js';
import type { DocumentReader } from '../load/read-document.js';
import type { ContractDocument, ContractOperation, SecurityScheme } from '../model/types.js';
import { evidenceAt, initFinding, readFailure } from './evidence.js';
import { isBlueprintId, isOwner, toId } from './ids.js';
import type { Evidence } from './types.js';

type Json = Record<string, unknown>;

/** What the application a document describes does on one channel. */
export interface MessageExchange {
  /** Operation id (AsyncAPI 3) or generated `publish <channel>` key (2.x). */
  operation: string;
  /** Channel id (3.x) or channel name (2.x): what a flow's `contract.channel` names. */
  channel: string;
  /** Where the messages go on the broker; documents that name the same address share a channel. */
  address: string;
  /** From the application's side: it sends to the channel, or receives from it. */
  role: 'send' | 'receive';
  /** AsyncAPI 3 `reply`: the exchange is a request that expects an answer. */
  reply: boolean;
  protocol?: string;
  /** AMQP binding `is: queue`: point-to-point rather than a topic. */
  queue: boolean;
  evidence: Evidence;
}

export interface ContractFacts {
  path: string;
  kind: 'openapi' | 'asyncapi';
  title?: string;
  description?: string;
  /** The application the document describes: `x-system` when given, else its title (asides in parentheses dropped) as an id. */
  system: { id: string; name?: string };
  /** `x-owner` when it is a GitHub team or login, else the team `info.contact.url` links to. */
  owner?: string;
  /** An `x-owner` that is not a GitHub team or login, kept for the TODO note. */
  unusableOwner?: string;
  protocols: string[];
  auth: string[];
  exchanges: MessageExchange[];
  evidence: Evidence;
  document: ContractDocument;
}

const CANDIDATE = /\.(ya?ml|json)$/i;
/** `openapi:`, `"swagger":` or `asyncapi:` followed by a version: cheap enough to test every file. */
const SPEC_KEY = /["']?\b(openapi|swagger|asyncapi)["']?\s*:\s*["']?\d/;

/**
 * Every OpenAPI or AsyncAPI root document under `under` (excluding `exclude`, the blueprint folder
 * being written). Files that are not contracts are skipped silently: a repository holds many YAML
 * files (workflows, charts) that are none of our business.
 */
export async function readContracts(
  reader: DocumentReader,
  under: string,
  exclude: (path: string) => boolean,
): Promise<{ contracts: ContractFacts[]; notRead: string[]; findings: Finding[] }> {
  const files = (await reader.source.list(under)).filter((f) => CANDIDATE.test(f) && !exclude(f));
  const contracts: ContractFacts[] = [];
  const notRead: string[] = [];
  const findings: Finding[] = [];
  for (const path of files) {
    if (reader.count >= reader.limits.maxFiles) {
      findings.push(tooManyFiles(reader, path));
      break;
    }
    const text = await reader.readText(path);
    if (text.kind !== 'ok') {
      if (mayBeContract(path)) {
        findings.push(notReadFinding(path, readFailure(text)));
        notRead.push(path);
      }
      continue;
    }
    if (!SPEC_KEY.test(text.text.slice(0, 65536))) continue;
    const read = await readContract(reader, path);
    if ('facts' in read) contracts.push(read.facts);
    else {
      findings.push(...read.findings);
      if (read.findings.length > 0) notRead.push(path);
    }
  }
  return { contracts, notRead, findings };
}

/**
 * A file that looks like a contract (its text names a spec version) but cannot be read as one is
 * said, never left out silently: the blueprint would lack the application and its flows, and
 * `init --update` would report no drift for it ever after.
 */
async function readContract(
  reader: DocumentReader,
  path: string,
): Promise<{ facts: ContractFacts } | { findings: Finding[] }> {
  const tree = await reader.documentTree(path);
  const root = tree.documents.get(path);
  if (!root) return { findings: tree.findings.filter((f) => f.file === path).map(asInitFinding) };
  const detected = detectContractKind(root.value);
  if (detected) {
    const document = describeContract(root, tree.documents, detected.kind, detected.specVersion);
    return { facts: contractFacts(root, tree.documents, document) };
  }
  const misdeclared = misdeclaredSpecVersion(root.value);
  if (!misdeclared) return { findings: [] }; // the spec key was nested: some other YAML
  return {
    findings: [
      initFinding(
        'init/contract-not-read',
        'error',
        `${code(path)} was not read as a contract: ${misdeclared.reason}. Then run init again.`,
        evidenceAt(root, misdeclared.pointer),
      ),
    ],
  };
}

/**
 * A parse problem of a source file, in init's own words: lint files them as `schema/*` ("the
 * blueprint does not load"), which is not what happened here — a source could not be read.
 */
function asInitFinding(finding: Finding): Finding {
  return { ...finding, ruleId: 'init/contract-not-read', severity: 'error' };
}

/**
 * Files too large or unreadable cannot be looked into. Lock files are the large JSON/YAML files every
 * repository has and no one would take for a contract; any other may be one, so it is said.
 */
function mayBeContract(path: string): boolean {
  return !/(^|\/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml)$/.test(path);
}

function notReadFinding(path: string, why: string): Finding {
  return initFinding(
    'init/contract-not-read',
    'warning',
    `${path} was not read: ${why}. If it is an OpenAPI or AsyncAPI document, its application and flows are missing from the blueprint.`,
    { file: path, pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } },
  );
}

export function tooManyFiles(reader: DocumentReader, path: string): Finding {
  return initFinding(
    'init/too-many-files',
    'error',
    `Stopped reading at ${path}: more than ${reader.limits.maxFiles} files (limits.maxFiles). Point init at a smaller folder.`,
    { file: path, pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } },
  );
}

export function contractFacts(
  root: LocatedDocument,
  documents: ReadonlyMap<string, LocatedDocument>,
  document: ContractDocument,
): ContractFacts {
  const value = isRecord(root.value) ? root.value : {};
  const info = isRecord(value.info) ? value.info : {};
  const extension = (name: string): string | undefined => {
    const v = value[name] ?? info[name];
    return typeof v === 'string' ? v : undefined;
  };
  const declaredSystem = extension('x-system');
  const owner = extension('x-owner') ?? teamOfContact(info.contact);
  const title = typeof info.title === 'string' ? info.title : undefined;
  const fileStem = root.file.slice(root.file.lastIndexOf('/') + 1).replace(/\..*$/, '');
  return {
    path: root.file,
    kind: document.kind,
    title,
    description: typeof info.description === 'string' ? info.description : undefined,
    system: {
      id:
        declaredSystem !== undefined && isBlueprintId(declaredSystem)
          ? declaredSystem
          : toId((title ?? fileStem).replace(/\([^)]*\)/g, ' '), 'system'),
      name: title,
    },
    owner: owner !== undefined && isOwner(owner) ? owner : undefined,
    unusableOwner: owner !== undefined && !isOwner(owner) ? owner : undefined,
    protocols: declaredProtocols(value, document.kind),
    auth: authModels(document.securitySchemes),
    exchanges: document.kind === 'asyncapi' ? messageExchanges(root, documents, document) : [],
    evidence: evidenceAt(root, isRecord(value.info) ? '/info/title' : ''),
    document,
  };
}

/**
 * The GitHub team `info.contact.url` links to (`https://github.com/orgs/acme/teams/orders` →
 * `acme/orders`): contracts often name their owning team there rather than in an `x-owner`. Only a
 * team page counts: a link to an organisation or a repository names no one who could sign off.
 */
function teamOfContact(contact: unknown): string | undefined {
  if (!isRecord(contact) || typeof contact.url !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(contact.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || (url.hostname !== 'github.com' && url.hostname !== 'www.github.com'))
    return undefined;
  const team = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/?$/.exec(url.pathname);
  if (!team) return undefined;
  // Still percent-encoded: an escape is no character of a GitHub slug, and isOwner refuses it.
  const owner = `${team[1]}/${team[2]}`;
  return isOwner(owner) ? owner : undefined;
}

/**
 * The application's side of an AsyncAPI operation. AsyncAPI 3 says it directly (`send`,
 * `receive`). AsyncAPI 2.x describes operations from the point of view of the *clients*: `subscribe`
 * holds the messages the application produces (others subscribe to them), `publish` the messages it
 * consumes (others publish them) — the reading people most often get backwards.
 */
export function applicationRole(action: NonNullable<ContractOperation['action']>): 'send' | 'receive' {
  switch (action) {
    case 'send':
    case 'subscribe':
      return 'send';
    case 'receive':
    case 'publish':
      return 'receive';
  }
}

function messageExchanges(
  root: LocatedDocument,
  documents: ReadonlyMap<string, LocatedDocument>,
  document: ContractDocument,
): MessageExchange[] {
  const value = root.value as Json;
  const deref = (node: unknown): unknown => {
    if (isRecord(node) && typeof node.$ref === 'string') {
      const r = resolveRef(documents, root.file, node.$ref);
      return r.kind === 'ok' ? r.value : undefined;
    }
    return node;
  };
  const channels = new Map(document.channels.map((c) => [c.id, c]));
  return document.operations.flatMap((op) => {
    if (op.action === undefined || op.channel === undefined) return [];
    const operation = deref(getAtPointer(value, op.pointer));
    const channelPointer = channels.get(op.channel)?.pointer;
    const channel = deref(channelPointer === undefined ? undefined : getAtPointer(value, channelPointer));
    const protocol = channelProtocol(value, isRecord(channel) ? channel : {}, deref);
    const amqp = isRecord(channel) && isRecord(channel.bindings) ? channel.bindings.amqp : undefined;
    return [
      {
        operation: op.id,
        channel: op.channel,
        address: channels.get(op.channel)?.address ?? op.channel,
        role: applicationRole(op.action),
        reply: isRecord(operation) && operation.reply !== undefined,
        protocol,
        queue: isRecord(amqp) && amqp.is === 'queue',
        evidence: evidenceAt(root, op.pointer),
      },
    ];
  });
}

/**
 * The protocol of the servers a channel is available on: the channel's own `servers` (names in 2.x,
 * `$ref`s in 3.x), else every server of the document. Several protocols: the first, in name order.
 */
function channelProtocol(doc: Json, channel: Json, deref: (node: unknown) => unknown): string | undefined {
  const servers = isRecord(doc.servers) ? doc.servers : {};
  const named = Array.isArray(channel.servers)
    ? channel.servers.flatMap((s) => {
        if (typeof s === 'string') return [servers[s]];
        return [deref(s)];
      })
    : Object.keys(servers)
        .sort()
        .map((name) => servers[name]);
  for (const server of named) {
    const resolved = deref(server);
    if (isRecord(resolved) && typeof resolved.protocol === 'string') return resolved.protocol.toLowerCase();
  }
  return undefined;
}

function declaredProtocols(doc: Json, kind: 'openapi' | 'asyncapi'): string[] {
  const found = new Set<string>();
  if (kind === 'asyncapi') {
    for (const server of Object.values(isRecord(doc.servers) ? doc.servers : {}))
      if (isRecord(server) && typeof server.protocol === 'string') found.add(server.protocol.toLowerCase());
  } else if (Array.isArray(doc.servers)) {
    for (const server of doc.servers) {
      const scheme =
        isRecord(server) && typeof server.url === 'string' ? /^([a-z]+):\/\//i.exec(server.url) : null;
      if (scheme) found.add(scheme[1]!.toLowerCase());
    }
  } else if (Array.isArray(doc.schemes)) {
    for (const scheme of doc.schemes) if (typeof scheme === 'string') found.add(scheme.toLowerCase());
  }
  return [...found].sort();
}

/** Security schemes as the blueprint's auth models; schemes with no counterpart are left out. */
function authModels(schemes: readonly SecurityScheme[]): string[] {
  const models = new Set<string>();
  for (const scheme of schemes) {
    const model = authModel(scheme);
    if (model) models.add(model);
  }
  return [...models].sort();
}

function authModel(scheme: SecurityScheme): string | undefined {
  switch (scheme.type) {
    case 'oauth2':
      return scheme.flows && ('clientCredentials' in scheme.flows || 'application' in scheme.flows)
        ? 'oauth2-client-credentials'
        : undefined;
    case 'mutualTLS':
    case 'X509':
      return 'mtls';
    case 'apiKey':
    case 'httpApiKey':
      return 'api-key';
    case 'basic':
    case 'userPassword':
      return 'basic';
    case 'http':
      return scheme.scheme?.toLowerCase() === 'basic'
        ? 'basic'
        : scheme.scheme?.toLowerCase() === 'bearer'
          ? 'jwt'
          : undefined;
    case 'scramSha256':
    case 'scramSha512':
      return 'sasl-scram';
    default:
      return undefined;
  }
}
