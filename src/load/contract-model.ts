import { code } from '../core/inert-text.js';
import type { LocatedDocument } from '../core/located-document.js';
import { resolveRef } from '../core/refs.js';
import { toPointer } from '../core/pointer.js';
import type { ContractChannel, ContractDocument, ContractOperation, SecurityScheme } from '../model/types.js';

/** Extracts the parts of an OpenAPI or AsyncAPI document that the model and the rules need. */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

export function detectContractKind(
  value: unknown,
): { kind: 'openapi' | 'asyncapi'; specVersion: string } | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.openapi === 'string') return { kind: 'openapi', specVersion: value.openapi };
  if (typeof value.swagger === 'string') return { kind: 'openapi', specVersion: value.swagger };
  if (typeof value.asyncapi === 'string') return { kind: 'asyncapi', specVersion: value.asyncapi };
  return undefined;
}

const SPEC_VERSION_KEYS = ['openapi', 'swagger', 'asyncapi'] as const;

/**
 * Why a root `detectContractKind` refused declares a spec key all the same, when it does: its version
 * is not a string — most often a YAML number (`openapi: 3.1`, `asyncapi: 2.6`), which "no openapi
 * field" would misdescribe. Undefined when the root has no spec key at all.
 */
export function misdeclaredSpecVersion(value: unknown): { pointer: string; reason: string } | undefined {
  if (!isRecord(value)) return undefined;
  const key = SPEC_VERSION_KEYS.find((k) => value[k] !== undefined && value[k] !== null);
  if (key === undefined) return undefined;
  const declared = value[key];
  const what = typeof declared === 'number' ? `the number ${declared}` : `not a string`;
  return {
    pointer: `/${key}`,
    reason: `its ${code(key)} version is ${what}; a version is a string — YAML reads 3.1 as a number, so write "3.1.0"`,
  };
}

export function describeContract(
  root: LocatedDocument,
  documents: ReadonlyMap<string, LocatedDocument>,
  kind: 'openapi' | 'asyncapi',
  specVersion: string,
): ContractDocument {
  const value = root.value as Json;
  const info = isRecord(value.info) ? value.info : {};
  const deref = (node: unknown): unknown => {
    if (isRecord(node) && typeof node.$ref === 'string') {
      const r = resolveRef(documents, root.file, node.$ref);
      return r.kind === 'ok' ? r.value : undefined;
    }
    return node;
  };
  const common = {
    kind,
    specVersion,
    file: root.file,
    title: typeof info.title === 'string' ? info.title : undefined,
    version:
      typeof info.version === 'string'
        ? info.version
        : info.version !== undefined
          ? String(info.version)
          : undefined,
    root: value,
  };
  if (kind === 'openapi') {
    return {
      ...common,
      operations: openApiOperations(value, deref),
      channels: [],
      securitySchemes: openApiSchemes(value, deref),
    };
  }
  const v3 = !specVersion.startsWith('2.');
  return {
    ...common,
    operations: v3 ? asyncApi3Operations(value, deref) : asyncApi2Operations(value, deref),
    channels: v3 ? asyncApi3Channels(value) : asyncApi2Channels(value, deref),
    securitySchemes: schemesAt(value.components, ['components', 'securitySchemes'], deref),
  };
}

function openApiOperations(doc: Json, deref: (n: unknown) => unknown): ContractOperation[] {
  const out: ContractOperation[] = [];
  const rootSecurity = securityNames(doc.security);
  for (const [path, rawItem] of Object.entries(isRecord(doc.paths) ? doc.paths : {})) {
    const item = deref(rawItem);
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      out.push({
        id: typeof op.operationId === 'string' ? op.operationId : key,
        key,
        method: method.toUpperCase(),
        path,
        security: op.security !== undefined ? securityNames(op.security) : rootSecurity,
        deprecated: op.deprecated === true,
        pointer: toPointer(['paths', path, method]),
      });
    }
  }
  return out;
}

function openApiSchemes(doc: Json, deref: (n: unknown) => unknown): SecurityScheme[] {
  if (isRecord(doc.components)) return schemesAt(doc.components, ['components', 'securitySchemes'], deref);
  // Swagger 2.0
  const defs = isRecord(doc.securityDefinitions) ? doc.securityDefinitions : {};
  return Object.entries(defs).flatMap(([name, raw]) => {
    const s = deref(raw);
    if (!isRecord(s)) return [];
    const flows =
      typeof s.tokenUrl === 'string'
        ? {
            [String(s.flow ?? 'application')]: {
              tokenUrl: s.tokenUrl,
              scopes: isRecord(s.scopes) ? (s.scopes as Record<string, string>) : {},
            },
          }
        : undefined;
    return [{ name, type: String(s.type), pointer: toPointer(['securityDefinitions', name]), flows }];
  });
}

function schemesAt(components: unknown, path: string[], deref: (n: unknown) => unknown): SecurityScheme[] {
  const schemes =
    isRecord(components) && isRecord(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(schemes).flatMap(([name, raw]) => {
    const s = deref(raw);
    if (!isRecord(s)) return [];
    return [
      {
        name,
        type: String(s.type),
        scheme: typeof s.scheme === 'string' ? s.scheme : undefined,
        flows: isRecord(s.flows) ? (s.flows as SecurityScheme['flows']) : undefined,
        pointer: toPointer([...path, name]),
      },
    ];
  });
}

/** Names of the schemes in a security requirement list; `[]` when the list is explicitly empty. */
function securityNames(security: unknown): string[] | undefined {
  if (!Array.isArray(security)) return undefined;
  const names = new Set<string>();
  for (const requirement of security) {
    if (isRecord(requirement) && typeof requirement.$ref === 'string') {
      names.add(requirement.$ref.slice(requirement.$ref.lastIndexOf('/') + 1));
    } else if (isRecord(requirement)) {
      Object.keys(requirement).forEach((k) => names.add(k));
    }
  }
  return [...names];
}

function asyncApi3Channels(doc: Json): ContractChannel[] {
  return Object.entries(isRecord(doc.channels) ? doc.channels : {}).map(([id, raw]) => {
    const channel = isRecord(raw) ? raw : {};
    return {
      id,
      address: typeof channel.address === 'string' ? channel.address : undefined,
      messages: Object.keys(isRecord(channel.messages) ? channel.messages : {}),
      pointer: toPointer(['channels', id]),
    };
  });
}

function asyncApi3Operations(doc: Json, deref: (n: unknown) => unknown): ContractOperation[] {
  const serverSecurity = asyncServerSecurity(doc);
  return Object.entries(isRecord(doc.operations) ? doc.operations : {}).flatMap(([id, raw]) => {
    const op = deref(raw);
    if (!isRecord(op)) return [];
    const channelRef =
      isRecord(op.channel) && typeof op.channel.$ref === 'string' ? op.channel.$ref : undefined;
    const action = op.action === 'send' || op.action === 'receive' ? op.action : undefined;
    return [
      {
        id,
        key: id,
        action,
        channel: channelRef
          ? decodeURIComponent(channelRef.slice(channelRef.lastIndexOf('/') + 1))
          : undefined,
        security: op.security !== undefined ? securityNames(op.security) : serverSecurity,
        deprecated: op.deprecated === true,
        pointer: toPointer(['operations', id]),
      },
    ];
  });
}

function asyncApi2Channels(doc: Json, deref: (n: unknown) => unknown): ContractChannel[] {
  return Object.entries(isRecord(doc.channels) ? doc.channels : {}).map(([name, raw]) => {
    const channel = deref(raw);
    const messages = new Set<string>();
    for (const action of ['publish', 'subscribe']) {
      const op = isRecord(channel) ? channel[action] : undefined;
      const message = isRecord(op) ? op.message : undefined;
      for (const m of isRecord(message) && Array.isArray(message.oneOf) ? message.oneOf : [message]) {
        if (isRecord(m) && typeof m.$ref === 'string')
          messages.add(m.$ref.slice(m.$ref.lastIndexOf('/') + 1));
        else if (isRecord(m) && typeof m.name === 'string') messages.add(m.name);
      }
    }
    return { id: name, address: name, messages: [...messages], pointer: toPointer(['channels', name]) };
  });
}

function asyncApi2Operations(doc: Json, deref: (n: unknown) => unknown): ContractOperation[] {
  const serverSecurity = asyncServerSecurity(doc);
  const out: ContractOperation[] = [];
  for (const [name, raw] of Object.entries(isRecord(doc.channels) ? doc.channels : {})) {
    const channel = deref(raw);
    if (!isRecord(channel)) continue;
    for (const action of ['publish', 'subscribe'] as const) {
      const op = channel[action];
      if (!isRecord(op)) continue;
      const key = `${action} ${name}`;
      out.push({
        id: typeof op.operationId === 'string' ? op.operationId : key,
        key,
        action,
        channel: name,
        security: op.security !== undefined ? securityNames(op.security) : serverSecurity,
        deprecated: op.deprecated === true,
        pointer: toPointer(['channels', name, action]),
      });
    }
  }
  return out;
}

/** AsyncAPI puts security on servers; an operation without its own inherits the union of theirs. */
function asyncServerSecurity(doc: Json): string[] | undefined {
  const servers = isRecord(doc.servers) ? Object.values(doc.servers) : [];
  const lists = servers
    .map((s) => (isRecord(s) ? securityNames(s.security) : undefined))
    .filter((l) => l !== undefined);
  if (lists.length === 0) return undefined;
  return [...new Set(lists.flat())];
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
