/** Small cell builders shared by the outline's sections. */
import type { ContractEntry } from '../model/types.js';
import type { Cell, Inline, Tone } from './outline.js';

/** An empty cell, shown as a dim dash. */
export const DASH: Inline = { muted: '—' };

export const orDash = (text: string | undefined): Cell => text ?? DASH;

export function joinCodes(items: readonly string[]): Inline[] {
  return items.flatMap((item, i): Inline[] => [...(i > 0 ? [', '] : []), { code: item }]);
}

export function contractVersion(contract: ContractEntry | undefined): string | undefined {
  return contract?.document?.version;
}

/** Statuses of contracts, ADRs and systems, coloured by where they are in their life. */
export function statusTone(status: string): Tone {
  const s = status.toLowerCase();
  if (/^(accepted|finalized|approved|active|production)/.test(s)) return 'good';
  if (/^(proposed|draft|in-review|experimental)/.test(s)) return 'info';
  if (/^(deprecated|superseded|rejected)/.test(s)) return 'warn';
  return 'neutral';
}
