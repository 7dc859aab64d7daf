/**
 * The catalog's systems and broker components: a Component or Resource becomes a system (a library
 * exchanges nothing itself), a Resource of a broker type (`kafka-topic`, `sqs-queue`) a component.
 */
import type { CatalogEntity } from '../backstage.js';
import { evidenceAt } from '../evidence.js';
import type { InferredTopology, Lifecycle, SystemType } from '../types.js';
import { entityId, specOf } from './catalog.js';
import type { Inference } from './context.js';
import { brokerKind, technologyOfResource } from './technology.js';
import { quoted } from '../../core/inert-text.js';

const EXTERNAL_MARKS = ['external', 'third-party', 'saas', 'partner'];

export function addCatalogElement({ catalog, draft }: Inference, entity: CatalogEntity): void {
  const kind = entity.kind.toLowerCase();
  const spec = specOf(entity);
  const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : '';
  const broker = kind === 'resource' ? brokerKind(type) : undefined;
  if (broker) {
    const owner = catalog.ownerOf(entity);
    draft.components.set(entityId(entity), {
      id: entityId(entity),
      name: entity.entity.metadata.title ?? entity.name,
      kind: broker,
      technology: technologyOfResource(type),
      owner: owner.owner,
      description: entity.entity.metadata.description,
      todos: owner.todo ? [owner.todo] : [],
      evidence: evidenceAt(entity.doc, '/metadata/name'),
    });
    return;
  }
  if (kind !== 'component' && kind !== 'resource') return;
  if (kind === 'component' && type === 'library') return; // linked into others, exchanges nothing itself
  const owner = catalog.ownerOf(entity);
  const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
  const todos = owner.todo ? [owner.todo] : [];
  if (lifecycle !== undefined && !isLifecycle(lifecycle))
    todos.push(
      `lifecycle: the catalog says ${quoted(lifecycle)}; the blueprint knows experimental, production, deprecated`,
    );
  const tags = (entity.entity.metadata.tags ?? []).map((t) => t.toLowerCase());
  draft.systems.set(entityId(entity), {
    id: entityId(entity),
    name: entity.entity.metadata.title,
    description: entity.entity.metadata.description,
    owner: owner.owner,
    type: systemType(kind, type),
    external: EXTERNAL_MARKS.some((m) => tags.includes(m) || type === m) || undefined,
    lifecycle: lifecycle !== undefined && isLifecycle(lifecycle) ? lifecycle : undefined,
    protocols: [],
    auth: [],
    todos,
    evidence: evidenceAt(entity.doc, '/metadata/name'),
  });
}

/** The blueprint's name, title and owner: the catalog's System when it has exactly one. */
export function blueprintMetadata({
  input,
  catalog,
}: Inference): Pick<InferredTopology, 'name' | 'title' | 'description' | 'owner'> {
  const systems = input.entities.filter((e) => e.kind.toLowerCase() === 'system');
  if (systems.length !== 1) return { name: input.name };
  const [system] = systems as [CatalogEntity];
  return {
    name: entityId(system),
    title: system.entity.metadata.title,
    description: system.entity.metadata.description,
    owner: catalog.ownerOf(system).owner,
  };
}

function isLifecycle(value: string): value is Lifecycle {
  return value === 'experimental' || value === 'production' || value === 'deprecated';
}

function systemType(kind: string, type: string): SystemType | undefined {
  if (kind === 'resource') return type === 'database' ? 'database' : undefined;
  if (type === 'website' || type === 'frontend') return 'frontend';
  if (type === 'service' || type === 'saas' || type === 'partner') return type;
  return undefined;
}
