/** One part of `npm run bench`: it measures, prints as it goes, and returns its rows for the table. */
export interface Row {
  what: string;
  /** The figure issue 13 recorded before the work (measured the same way), or '—' when it had none. */
  before: string;
  target: string;
  now: string;
}

export interface Section {
  /** The name selecting it on the command line (`npm run bench -- lint api`). */
  name: string;
  title: string;
  run(): Promise<Row[]>;
}
