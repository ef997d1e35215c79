import { describe, expect, it } from 'vitest';
import { negotiateDiscovery, negotiateResource } from './negotiate.js';

describe('negotiateResource', () => {
  it('gives kubectl get a v1 Table', () => {
    const a = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    expect(negotiateResource(a, { list: true })).toEqual({ kind: 'table', version: 'v1' });
  });
  it('answers protobuf-first clients with JSON', () => {
    expect(negotiateResource('application/vnd.kubernetes.protobuf,application/json', { list: false })).toEqual({ kind: 'json' });
  });
  it('treats a missing Accept as JSON', () => {
    expect(negotiateResource(undefined, { list: false })).toEqual({ kind: 'json' });
  });
  it('refuses protobuf-only and unknown types', () => {
    expect(negotiateResource('application/vnd.kubernetes.protobuf', { list: false })).toBeNull();
    expect(negotiateResource('text/html', { list: false })).toBeNull();
  });
  it('serves PartialObjectMetadataList only for lists', () => {
    const a = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
    expect(negotiateResource(a, { list: true })).toEqual({ kind: 'partial-metadata', version: 'v1', list: true });
    expect(negotiateResource(a, { list: false })).toBeNull();
  });
});

describe('negotiateDiscovery', () => {
  it('prefers aggregated v2, then v2beta1, else legacy JSON', () => {
    const a = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(negotiateDiscovery(a)).toEqual({ kind: 'discovery', version: 'v2' });
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toEqual({ kind: 'discovery', version: 'v2beta1' });
    expect(negotiateDiscovery('application/json')).toEqual({ kind: 'json' });
  });
});
