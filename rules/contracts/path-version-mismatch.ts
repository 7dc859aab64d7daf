import { defineRule } from '../../src/engine/rule.js';
import { toPointer } from '../../src/core/pointer.js';
import type { ContractDocument } from '../../src/model/types.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import { isJson } from '../support/schema-walk.js';

/** `/v2/orders`, `https://api/x/v2`, `orders.order-created.v1`, `v3_payments`. */
const VERSION_SEGMENT = /(?:^|[/._-])v(\d+)(?=$|[/._-])/i;

interface Versioned {
  what: string;
  name: string;
  major: number;
  pointer: string;
}

const v2Paths = ORDERS_OPENAPI.replace('  /orders:\n', '  /v2/orders:\n').replace(
  '  /orders/{orderId}:\n',
  '  /v2/orders/{orderId}:\n',
);

export default defineRule({
  meta: {
    id: 'contracts/path-version-mismatch',
    category: 'contracts',
    severity: 'error',
    description:
      'A version in a path, server URL or channel address (`/v2/…`, `….v1`) agrees with the major version of `info.version`.',
    rationale:
      'When the URL says v1 and the document says 2.0.0, one of them lies: either a breaking change was shipped on the old path (and every v1 consumer breaks), or the version was bumped without a new path. Consumers route by the path and reason by the version; they must agree. A version that is a date (`2023-10-16`, `2021.12`) counts releases, not generations, so it is not compared.',
    sources: [
      'Zalando RESTful API Guidelines: versioning (rules 113–115)',
      'Semantic Versioning 2.0.0',
      'AsyncAPI: channel naming and versioning',
    ],
    messages: {
      mismatch:
        'Contract "{{contract}}" is version {{version}}, but {{what}} "{{name}}" says v{{pathMajor}}{{more}}. Bump `info.version` to {{pathMajor}}.x.y, or move the {{kind}} to v{{major}}.',
    },
    examples: {
      bad: [
        {
          description: 'The paths say v2, the document says 1.0.0',
          files: withContracts(HEADER, { 'contracts/orders.openapi.yaml': v2Paths }),
        },
      ],
      good: [
        {
          description: 'Version 2.0.0 under /v2',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': v2Paths.replace('  version: 1.0.0', '  version: 2.0.0'),
          }),
        },
      ],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const document = contract.document;
        const major = statedMajor(document?.version ?? '');
        if (!document || major === undefined) return;
        // One finding per wrong version: the first place it appears, with a count of the others.
        const byMajor = new Map<number, Versioned[]>();
        for (const v of versionedNames(document)) {
          if (v.major === major) continue;
          const same = byMajor.get(v.major);
          if (same) same.push(v);
          else byMajor.set(v.major, [v]);
        }
        for (const same of byMajor.values()) {
          const first = same[0]!;
          const others = same.length - 1;
          context.report({
            messageId: 'mismatch',
            at: { file: document.file, pointer: first.pointer },
            data: {
              contract: contract.id,
              version: document.version!,
              what: first.what,
              name: first.name,
              pathMajor: first.major,
              more: others > 0 ? ` (and ${others} more)` : '',
              kind: first.what === 'channel' ? 'channel' : 'path',
              major,
            },
          });
        }
      },
    };
  },
});

/**
 * The API generation `info.version` states: its leading number (`2.1.0`, `v2`, `2.0-beta` → 2).
 * Nothing for a version that does not start with one (`latest`, a date written out) or whose leading
 * number is a year (`2023-10-16`, `2021.12`, `20231016`): a date-based version counts releases, not
 * generations, so a `/v1/` beside it disagrees with nothing. Of 2,639 public descriptions (APIs.guru),
 * 981 are versioned by date; reading their year as a major made every `/v1/` path an error. Whether
 * the version should be semver is version-not-semver's question.
 */
function statedMajor(version: string): number | undefined {
  const match = /^\s*v?(\d+)(?=$|[.+-])/i.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major >= FIRST_YEAR ? undefined : major;
}

/** No API has reached generation 1000; a leading number from here on is a year (or a whole date). */
const FIRST_YEAR = 1000;

function versionedNames(document: ContractDocument): Versioned[] {
  const root = isJson(document.root) ? document.root : {};
  const out: Versioned[] = [];
  const add = (what: string, name: string, pointer: string) => {
    const match = VERSION_SEGMENT.exec(name);
    if (match) out.push({ what, name, major: Number(match[1]), pointer });
  };
  if (document.kind === 'openapi') {
    (Array.isArray(root.servers) ? root.servers : []).forEach((server, i) => {
      if (isJson(server) && typeof server.url === 'string')
        add('server', server.url, toPointer(['servers', i, 'url']));
    });
    for (const path of Object.keys(isJson(root.paths) ? root.paths : {}))
      add('path', path, toPointer(['paths', path]));
  } else {
    for (const channel of document.channels) add('channel', channel.address ?? channel.id, channel.pointer);
  }
  return out;
}
