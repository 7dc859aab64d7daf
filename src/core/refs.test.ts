import { describe, expect, it } from 'vitest';
import { anchorPointer, isAnchorFragment } from './refs.js';

describe('plain-name anchors', () => {
  const doc = {
    components: {
      schemas: {
        Order: { properties: { total: { $ref: '#money' } }, $defs: { Money: { $anchor: 'money' } } },
        Meta: { $dynamicAnchor: 'meta' },
        Legacy: { items: [{ $id: '#legacy' }] },
      },
    },
  };

  it('tells an anchor fragment from a pointer', () => {
    expect(isAnchorFragment('money')).toBe(true);
    expect(isAnchorFragment('/components/schemas/Order')).toBe(false);
    expect(isAnchorFragment('')).toBe(false);
  });

  it('finds the schema that declares $anchor, $dynamicAnchor or a draft-07 $id fragment', () => {
    expect(anchorPointer(doc, 'money')).toBe('/components/schemas/Order/$defs/Money');
    expect(anchorPointer(doc, 'meta')).toBe('/components/schemas/Meta');
    expect(anchorPointer(doc, 'legacy')).toBe('/components/schemas/Legacy/items/0');
  });

  it('finds nothing for an anchor no schema declares, or two declare', () => {
    expect(anchorPointer(doc, 'total')).toBeUndefined();
    expect(anchorPointer({ a: { $anchor: 'x' }, b: { $anchor: 'x' } }, 'x')).toBeUndefined();
  });
});
