import { describe, expect, it } from 'vitest';
import { makeNode, makePod, newTestFramework, scoreAll } from '../../testing/index.js';
import { Names } from '../names.js';
import { calculatePriority, MAX_CONTAINER_THRESHOLD, MIN_THRESHOLD } from './image-locality.js';

const MB = 1024 * 1024;

describe('ImageLocality Score', () => {
  it('prefers the node that has the larger image, scaled by how many nodes have it', () => {
    // test:40 (40 MB) on node1 only; test:300 (300 MB) on node2 only; 2 nodes → spread 1/2.
    // node1: 40MB/2 = 20MB < 23MB → 0; node2: 150MB → 100*(150-23)/(2000-23) = 6 (two containers → max 2000MB).
    const { fwk, snapshot } = newTestFramework({
      nodes: [makeNode('node1').images({ 'gcr.io/40:latest': 40 * MB }).obj(), makeNode('node2').images({ 'gcr.io/300:latest': 300 * MB }).obj()],
      plugins: [Names.ImageLocality],
    });
    const pod = makePod('p').container('gcr.io/40').container('gcr.io/300').obj();
    expect(scoreAll(fwk, { snapshot, pod })).toEqual({ node1: 0, node2: 6 });
  });

  it('counts an image present on every node at full size', () => {
    const { fwk, snapshot } = newTestFramework({
      nodes: [makeNode('node1').images({ 'gcr.io/250:latest': 250 * MB }).obj(), makeNode('node2').images({ 'gcr.io/250:latest': 250 * MB }).obj(), makeNode('node3').obj()],
      plugins: [Names.ImageLocality],
    });
    // spread 2/3 → 166.67MB → 100*(166.67-23)/(1000-23) = 14.
    expect(scoreAll(fwk, { snapshot, pod: makePod('p').container('gcr.io/250:latest').obj() })).toEqual({ node1: 14, node2: 14, node3: 0 });
  });

  it('clamps to the thresholds', () => {
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(MIN_THRESHOLD, 1)).toBe(0);
    expect(calculatePriority(5 * MAX_CONTAINER_THRESHOLD, 1)).toBe(100);
  });
});
