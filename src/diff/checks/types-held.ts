/**
 * How the three type checks read a schema's types (src/diff/schema/compared-types.ts), said once in
 * each one's description.
 */
export const TYPES_HELD =
  "Types are those a schema can hold: an `enum` holds its values' types, and an untyped schema whose keywords are one type's (`properties`: an object) is that type against a side that states one.";
