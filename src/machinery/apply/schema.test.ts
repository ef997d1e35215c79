import { describe, expect, it } from 'vitest';
import { applySchemaFromTable, TypeCursor, type ApplySchema } from './schema.js';

describe('TypeCursor', () => {
  it('walks type nodes that match typeAt, looking each path up once per schema', () => {
    const seen: string[] = [];
    const table = applySchemaFromTable({ 'spec.items': { listType: 'map', listMapKeys: ['name'] } });
    const schema: ApplySchema = {
      typeAt: (path) => {
        seen.push(path.join('.'));
        return table.typeAt(path);
      },
    };
    const items = new TypeCursor(schema).root.child('spec').child('items');
    expect(items.info).toEqual({ listType: 'map', listMapKeys: ['name'] });
    expect(items.pe).toEqual({ kind: 'field', name: 'items' });
    expect(new TypeCursor(schema).root.child('spec').child('items')).toBe(items);
    expect(seen).toEqual(['', 'spec', 'spec.items']);
  });

  it('gives fresh empty objects to change, and one frozen copy to read', () => {
    const schema = applySchemaFromTable({}, { emptyObject: { metadata: { creationTimestamp: null }, status: {} } });
    const cursor = new TypeCursor(schema);
    const fresh = cursor.emptyObject();
    fresh['spec'] = {};
    expect(cursor.emptyObject()).toEqual({ metadata: { creationTimestamp: null }, status: {} });
    const frozen = cursor.frozenEmptyObject();
    expect(frozen).toEqual({ metadata: { creationTimestamp: null }, status: {} });
    expect(Object.isFrozen(frozen['metadata'])).toBe(true);
    expect(new TypeCursor(schema).frozenEmptyObject()).toBe(frozen);
  });
});
