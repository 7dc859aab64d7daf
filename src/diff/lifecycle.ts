/**
 * Sunset dates (`x-sunset`, RFC 3339 `2026-01-31` or a date-time; the HTTP Sunset header's
 * IMF-fixdate is accepted too). A date that cannot be read has not passed: removing an element
 * before anyone can tell that its announced end came is breaking.
 */
export function sunsetPassed(sunset: string, today: string): boolean {
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(sunset.trim());
  if (iso) return iso[0] <= today;
  const time = Date.parse(sunset);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) <= today;
}

/** Is sunset date `a` before `b`? Unparseable dates count as earlier (the promise got vaguer). */
export function sunsetEarlier(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || (!Number.isNaN(tb) && ta < tb);
}
