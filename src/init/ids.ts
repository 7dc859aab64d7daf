import blueprintSchema from '../../schemas/blueprint.schema.json' with { type: 'json' };

/** The blueprint's own id and owner patterns, read from the schema so the two never disagree. */
const ID_PATTERN = new RegExp(blueprintSchema.$defs.id.pattern);
const OWNER_PATTERN = new RegExp(blueprintSchema.$defs.owner.pattern);

export function isBlueprintId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function isOwner(value: string): boolean {
  return OWNER_PATTERN.test(value);
}

/**
 * A blueprint id for repository text (a title, a channel address, a file name): lower-case letters
 * and digits kept, every other run becomes `-`, at most 80 characters; `fallback` when nothing is left.
 */
export function toId(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 80)
    .replace(/[-._]+$/, '');
  return slug !== '' && isBlueprintId(slug) ? slug : fallback;
}

/** Hands out ids unique within one kind of element: `x`, then `x-2`, `x-3`, … */
export class IdAllocator {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id.toLowerCase()); n++) id = `${wanted}-${n}`;
    this.taken.add(id.toLowerCase());
    return id;
  }

  has(id: string): boolean {
    return this.taken.has(id.toLowerCase());
  }
}
