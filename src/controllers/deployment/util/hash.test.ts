import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../../api/index.js';
import { NAME_SUFFIX_ALPHABET } from '../../../machinery/index.js';
import { computeHash, equalIgnoreHash, fnv32a, normalizePodTemplate } from './hash.js';

const template = (): PodTemplateSpec => ({
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
});

describe('fnv32a', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j like FNV-1a 32', (s, want) => {
    expect(fnv32a(new TextEncoder().encode(s))).toBe(want);
  });
});

describe('computeHash', () => {
  it('is deterministic and uses only the safe-encoding alphabet', () => {
    const h = computeHash(template());
    expect(computeHash(template())).toBe(h);
    expect(h).toMatch(new RegExp(`^[${NAME_SUFFIX_ALPHABET}]{1,10}$`));
  });

  it('ignores key order, the pod-template-hash label, creationTimestamp and explicit empties', () => {
    const reordered: PodTemplateSpec = {
      spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'nginx:1.25', name: 'nginx', args: [] }], volumes: [] },
      metadata: { creationTimestamp: null, annotations: {}, labels: { 'pod-template-hash': 'abc', app: 'nginx' } },
    };
    expect(computeHash(reordered)).toBe(computeHash(template()));
  });

  it('hashes a defaulted template like the undefaulted one (defaults are applied before hashing)', () => {
    const t = template();
    const defaulted = structuredClone(t);
    defaulted.spec!.restartPolicy = 'Always';
    defaulted.spec!.dnsPolicy = 'ClusterFirst';
    defaulted.spec!.terminationGracePeriodSeconds = 30;
    defaulted.spec!.schedulerName = 'default-scheduler';
    expect(computeHash(defaulted)).toBe(computeHash(t));
  });

  it('changes with the template, with the restartedAt annotation, and with the collision count', () => {
    const base = computeHash(template());
    const image = template();
    image.spec!.containers[0]!.image = 'nginx:1.26';
    const restarted = template();
    restarted.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' };
    const hashes = new Set([base, computeHash(image), computeHash(restarted), computeHash(template(), 1), computeHash(template(), 2)]);
    expect(hashes.size).toBe(5);
  });

  it('keeps false and 0, which differ from absent', () => {
    const t = template();
    t.spec!.automountServiceAccountToken = false;
    expect(computeHash(t)).not.toBe(computeHash(template()));
  });

  it('treats collisionCount 0 as different from no collision count (as Kubernetes hashes the extra bytes)', () => {
    expect(computeHash(template(), 0)).not.toBe(computeHash(template()));
  });
});

describe('equalIgnoreHash', () => {
  it('matches a ReplicaSet template (with hash label) to the deployment template it came from', () => {
    const rsTemplate = structuredClone(template());
    rsTemplate.metadata!.labels!['pod-template-hash'] = computeHash(template());
    expect(equalIgnoreHash(rsTemplate, template())).toBe(true);
  });

  it('matches what `kubectl rollout undo` writes back (hash label removed, creationTimestamp null)', () => {
    const undo = { ...template(), metadata: { ...template().metadata, creationTimestamp: null } };
    expect(equalIgnoreHash(undo, template())).toBe(true);
    expect(normalizePodTemplate(undo)).toEqual(normalizePodTemplate(template()));
  });

  it('tells different templates apart', () => {
    const other = template();
    other.metadata!.labels!.tier = 'web';
    expect(equalIgnoreHash(other, template())).toBe(false);
  });
});
