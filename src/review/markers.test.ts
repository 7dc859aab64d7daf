import { describe, expect, it } from 'vitest';
import {
  findingIdIn,
  findingMarker,
  hasReviewMarker,
  isSameReview,
  reviewMarker,
  withMarker,
} from './markers.js';

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
    expect(hasReviewMarker(withMarker(reviewMarker('abc', ['01']), 'body'), 'abc')).toBe(true);
    expect(hasReviewMarker(`body\n${reviewMarker('abc', ['01'])}`, 'abc')).toBe(false);
    expect(hasReviewMarker(withMarker(reviewMarker('abc', ['01']), 'body'), 'abd')).toBe(false);
  });

  it('names a review by its head and its comments, in any order', () => {
    const review = withMarker(reviewMarker('abc', ['01', '02']), 'body');
    expect(isSameReview(review, withMarker(reviewMarker('abc', ['02', '01', '02']), 'other words'))).toBe(
      true,
    );
    expect(isSameReview(review, withMarker(reviewMarker('abc', ['01', '03']), 'body'))).toBe(false);
    expect(isSameReview(review, withMarker(reviewMarker('abd', ['01', '02']), 'body'))).toBe(false);
    expect(isSameReview(`quoted\n${reviewMarker('abc', ['01', '02'])}`, review)).toBe(false);
  });
});
