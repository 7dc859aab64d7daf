/**
 * The blueprint `init` starts where the repository has nothing to read yet (no OpenAPI or AsyncAPI
 * document, no Backstage catalog), as `npm init` starts a package.json: a blueprint that loads and
 * lints clean from the first commit — so CI passes until there is something to review — whose
 * comments show how to write the first system and flow. Nothing in it is invented: an example
 * system with a made-up owner would ask a team that does not exist to sign off changes.
 */
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';

/** Each list, with the commented example above its key. */
const STARTER_LISTS: readonly { key: string; example: readonly string[] }[] = [
  {
    key: 'systems',
    example: [
      'TODO systems: every application that takes part in the integration, e.g.',
      '',
      'systems:',
      '  - id: webshop',
      '    owner: acme/web      # the GitHub team (or login) that signs off changes to its flows',
      '    type: frontend       # or service, saas, database, legacy, data-platform, partner',
      '  - id: orders',
      '    name: Order service',
      '    owner: acme/orders',
      '    type: service',
      '    technical: { rateLimit: { requests: 500, per: 1s }, auth: [oauth2-client-credentials], payloadFormats: [application/json] }',
    ],
  },
  {
    key: 'flows',
    example: [
      'TODO flows: what moves between two systems, and how, e.g.',
      '',
      'flows:',
      '  - id: webshop-to-orders',
      '    from: webshop',
      '    to: orders',
      '    pattern: request-response          # or event, with via: the topic or queue it goes through',
      '    errorHandling: internal-sync-call  # a policy in policies/error-handling.yaml',
      '    security: webshop-to-orders        # a policy in policies/security.yaml',
    ],
  },
];

/** Adds the empty lists to fill in, each under its commented example (the list it replaces). */
export function addStarterLists(doc: Document, keyNode: (map: YAMLMap, key: string) => YamlNode): void {
  for (const { key, example } of STARTER_LISTS) {
    doc.set(key, doc.createNode([]));
    keyNode(doc.contents as YAMLMap, key).commentBefore = example.map((text) => ` ${text}`).join('\n');
  }
}

/** The header's lines for a blueprint whose sources (those read, if any) gave nothing to write. */
export function starterHeader(sources: readonly string[]): string[] {
  const why =
    sources.length === 0
      ? ' the repository has no OpenAPI/AsyncAPI document and no Backstage catalog to read yet,'
      : ` ${sources.join(' and ')} name${sources.length === 1 ? 's' : ''} no system yet,`;
  return [
    ' Started by `blueprint-review init`:',
    why,
    ' so the systems and flows are yours to write (examples below; the policies they name are in',
    ' policies/). `blueprint-review lint` checks each one as you add it; once the repository has',
    ' contracts or a catalog, `blueprint-review init --update` reports what they say and this does not.',
    ' TODO decisions: record why each pattern and mediator was chosen as ADRs (MADR) in adr/.',
  ];
}
