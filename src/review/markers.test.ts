import { describe, expect, it } from 'vitest';
import { findingIdIn, findingMarker, hasReviewMarker, reviewMarker, withMarker } from './markers.js';

describe('markers', () => {
  it('reads the finding id from the first line only', () => {
    const body = withMarker(findingMarker('0123abcd'), 'Flow `x` has no owner.');
    expect(findingIdIn(body)).toBe('0123abcd');
  });

  it('ignores a marker that repository text spells further down, even one that comes first in a human comment', () => {
    const forged = findingMarker('deadbeef');
    expect(findingIdIn(`Flow \`${forged}\` has no owner.\n${findingMarker('0123abcd')}`)).toBeUndefined();
    expect(findingIdIn(`a person quoting ${forged}`)).toBeUndefined();
    expect(findingIdIn(`${forged} trailing text on the marker line`)).toBeUndefined();
    expect(findingIdIn(undefined)).toBeUndefined();
  });

  it('recognises the review marker only as the first line', () => {
    expect(hasReviewMarker(withMarker(reviewMarker('abc'), 'body'), 'abc')).toBe(true);
    expect(hasReviewMarker(`body\n${reviewMarker('abc')}`, 'abc')).toBe(false);
    expect(hasReviewMarker(withMarker(reviewMarker('abc'), 'body'), 'abd')).toBe(false);
  });
});
