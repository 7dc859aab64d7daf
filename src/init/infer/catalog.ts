/**
 * What a Backstage catalog says, resolved once: entity references by key, and for each API the
 * entities that provide and consume it (in catalog order). A reference to an entity the catalog does
 * not hold is reported once and left out.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { Finding } from '../../core/finding.js';
import { isRecord } from '../../load/contract-model.js';
import type { CatalogEntity } from '../backstage.js';
import { evidenceAt, initFinding } from '../evidence.js';
import { isOwner } from '../ids.js';
import type { Evidence } from '../types.js';
import { quoted } from '../../core/inert-text.js';

export type ApiRelation = 'providesApis' | 'consumesApis';

/** One entity's use of an API: which entity, and where the catalog says so. */
export interface ApiUse {
  entity: CatalogEntity;
  evidence: Evidence;
}

export class Catalog {
  private readonly byKey: Map<string, CatalogEntity>;
  /** Dangling references already reported (an entity may name one several times). */
  private readonly reported = new Set<string>();
  /** API ref → its users, per relation, in catalog order. */
  private readonly uses: Record<ApiRelation, Map<string, ApiUse[]>>;

  constructor(
    readonly entities: readonly CatalogEntity[],
    private readonly findings: Finding[],
  ) {
    this.byKey = new Map(entities.map((e) => [e.ref, e]));
    this.uses = { providesApis: this.usesOf('providesApis'), consumesApis: this.usesOf('consumesApis') };
  }

  /** The entities that provide (or consume) `api`, in catalog order. */
  usersOf(api: CatalogEntity, relation: ApiRelation): readonly ApiUse[] {
    return this.uses[relation].get(api.ref) ?? [];
  }

  /** The entity a reference names (`component:default/orders`, `orders`), or undefined after a finding. */
  resolve(ref: string, defaultKind: string, from: CatalogEntity): CatalogEntity | undefined {
    const target = this.lookup(ref, defaultKind, from.namespace);
    const reportKey = `${from.ref}\0${ref}`;
    if (!target && !this.reported.has(reportKey)) {
      this.reported.add(reportKey);
      this.findings.push(
        initFinding(
          'init/unknown-reference',
          'warning',
          `${from.kind} ${quoted(from.name)} refers to ${quoted(ref)}, which is not in the catalog files init read; that relation is left out.`,
          evidenceAt(from.doc, pointerOfValue(from, ref)),
        ),
      );
    }
    return target;
  }

  /**
   * A catalog owner as a blueprint owner: the GitHub team (`github.com/team-slug`) of a Group, or
   * the login (`github.com/user-login`) of a User, as the GitHub catalog integration records them.
   * A bare group name is not guessed into `org/team`: owners sign off, so a wrong one is worse than
   * none.
   */
  ownerOf(entity: CatalogEntity): { owner?: string; todo?: string } {
    const ref = specOf(entity).owner;
    if (typeof ref !== 'string') return { todo: 'owner: the catalog names no owner' };
    const target = this.lookup(ref, 'group', entity.namespace);
    const annotations = target?.entity.metadata.annotations ?? {};
    const github = annotations['github.com/team-slug'] ?? annotations['github.com/user-login'];
    if (github !== undefined && isOwner(github)) return { owner: github };
    const why = target
      ? `${target.kind} ${quoted(target.name)} has no github.com/team-slug or github.com/user-login annotation`
      : 'the catalog has no such entity';
    return {
      todo: `owner: the catalog says ${quoted(ref)}, but ${why}; write its GitHub team (org/team-slug) or login`,
    };
  }

  private lookup(ref: string, defaultKind: string, defaultNamespace: string): CatalogEntity | undefined {
    try {
      const parsed = parseEntityRef(ref, { defaultKind, defaultNamespace });
      return this.byKey.get(`${parsed.kind}:${parsed.namespace}/${parsed.name}`.toLowerCase());
    } catch {
      return undefined;
    }
  }

  private usesOf(relation: ApiRelation): Map<string, ApiUse[]> {
    const out = new Map<string, ApiUse[]>();
    for (const entity of this.entities) {
      const list = specOf(entity)[relation];
      if (!Array.isArray(list)) continue;
      list.forEach((ref, i) => {
        const target = typeof ref === 'string' ? this.resolve(ref, 'api', entity) : undefined;
        if (!target) return;
        const use = { entity, evidence: evidenceAt(entity.doc, `/spec/${relation}/${i}`) };
        const users = out.get(target.ref);
        if (users) users.push(use);
        else out.set(target.ref, [use]);
      });
    }
    return out;
  }
}

export function specOf(entity: CatalogEntity): Record<string, unknown> {
  return isRecord(entity.entity.spec) ? entity.entity.spec : {};
}

/** Entity names are already valid ids; other namespaces than `default` prefix them. */
export function entityId(entity: CatalogEntity): string {
  return entity.namespace === 'default' ? entity.name : `${entity.namespace}.${entity.name}`;
}

/** The pointer of a relation entry that names `ref`, for the finding's line. */
function pointerOfValue(entity: CatalogEntity, ref: string): string {
  const spec = specOf(entity);
  for (const field of ['providesApis', 'consumesApis', 'dependsOn']) {
    const list = spec[field];
    const i = Array.isArray(list) ? list.indexOf(ref) : -1;
    if (i >= 0) return `/spec/${field}/${i}`;
  }
  return '/spec';
}
