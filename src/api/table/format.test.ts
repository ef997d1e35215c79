import { describe, expect, it } from 'vitest';
import { containerCells, formatLabelSelector, formatLabels, int, labelSelectorString, list, obj, str } from './format.js';

describe('formatLabels', () => {
  it('sorts by key and prints <none> when empty', () => {
    expect(formatLabels({ tier: 'web', app: 'nginx' })).toBe('app=nginx,tier=web');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('label selectors', () => {
  it('prints a missing or empty selector as empty (Nothing/Everything)', () => {
    expect(labelSelectorString(undefined)).toBe('');
    expect(labelSelectorString(null)).toBe('');
    expect(labelSelectorString({})).toBe('');
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('sorts values of set-based requirements', () => {
    expect(labelSelectorString({ matchExpressions: [{ key: 'env', operator: 'In', values: ['b', 'a'] }] })).toBe('env in (a,b)');
  });

  it('treats In/NotIn without values and unknown operators as invalid', () => {
    expect(labelSelectorString({ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] })).toBeUndefined();
    expect(formatLabelSelector({ matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] })).toBe('<error>');
  });
});

describe('tolerant readers', () => {
  it('read mistyped fields as Go zero values', () => {
    expect(obj([1])).toEqual({});
    expect(list('x')).toEqual([]);
    expect(str(5)).toBe('');
    expect(int('5')).toBe(0);
    expect(int(2.7)).toBe(2);
  });

  it('lays out container names and images', () => {
    expect(containerCells({ containers: [{ name: 'a', image: 'x' }, { name: 'b' }] })).toEqual(['a,b', 'x,']);
    expect(containerCells(undefined)).toEqual(['', '']);
  });
});
