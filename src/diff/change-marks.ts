/**
 * Which subtrees of a structural diff differ, as `file#pointer` keys. Two sets, because they answer
 * differently for what lies below them: a *dirty* node only says its own subtree differs somewhere
 * (its siblings' subtrees may be identical), while a *change point* (a node added, removed or
 * replaced wholesale) says everything below it differs too, without marking each descendant.
 */
export class ChangeMarks {
  /** `file#pointer` of every node whose subtree differs, ancestors included. */
  private readonly dirty = new Set<string>();
  /** Nodes added, removed or replaced wholesale: everything below them differs too. */
  private readonly changePoints = new Set<string>();

  /** A node added, removed or replaced: it and its ancestors differ, and so does all below it. */
  markChangePoint(file: string, pointer: string): void {
    this.changePoints.add(`${file}#${pointer}`);
    this.markDirty(file, pointer);
  }

  /**
   * Marks the node and its ancestors dirty, stopping at the first one already marked (its own
   * ancestors are then marked too). `onNew` hears each key newly marked.
   */
  markDirty(file: string, pointer: string, onNew?: (key: string) => void): void {
    let p = pointer;
    for (;;) {
      const key = `${file}#${p}`;
      if (this.dirty.has(key)) return;
      this.dirty.add(key);
      onNew?.(key);
      if (p === '') return;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  /** Does the subtree at `file#pointer` differ: dirty itself, or at or below a change point? */
  changedAt(key: string): boolean {
    if (this.dirty.has(key)) return true;
    const hash = key.indexOf('#');
    const file = key.slice(0, hash + 1);
    let p = key.slice(hash + 1);
    for (;;) {
      if (this.changePoints.has(file + p)) return true;
      if (p === '') return false;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }
}
