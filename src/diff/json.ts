/** A JSON object as parsed: what the contract readers walk, field by field, trusting nothing. */
export type Json = Record<string, unknown>;

/** An object (not an array, not null): the only kind of node that has named fields to read. */
export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
