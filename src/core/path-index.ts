/**
 * The paths of one snapshot, sorted once, so that listing a folder costs a binary search plus the
 * folder's own entries — not a scan of the whole repository. A review loads each touched blueprint
 * (which lists its `policies/` and `adr/` folders): with a scan per listing, a pull request that
 * adds thousands of blueprints cost time quadratic in the repository's size.
 */
export class PathIndex {
  private readonly sorted: string[];

  constructor(paths: Iterable<string>) {
    this.sorted = [...paths].sort(comparePaths);
  }

  /** Every path under `folder` ('' or '.' for all), sorted. */
  under(folder: string): string[] {
    const prefix = folder === '' || folder === '.' ? '' : folder.replace(/\/$/, '') + '/';
    if (prefix === '') return [...this.sorted];
    const start = this.lowerBound(prefix);
    let end = start;
    while (end < this.sorted.length && this.sorted[end]!.startsWith(prefix)) end++;
    return this.sorted.slice(start, end);
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePaths(this.sorted[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Code-unit order, as `Array.prototype.sort` without a comparator (what listings promised so far). */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
