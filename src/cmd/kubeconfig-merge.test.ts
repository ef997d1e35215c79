import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mergeKubeconfig } from './kubeconfig-merge.js';

const skiff = `apiVersion: v1
kind: Config
clusters: [{name: skiff, cluster: {server: "https://127.0.0.1:6443"}}]
users: [{name: skiff, user: {token: t}}]
contexts: [{name: skiff, context: {cluster: skiff, user: skiff}}]
current-context: skiff
`;

describe('mergeKubeconfig', () => {
  it('adds the skiff context next to existing ones and makes it current', () => {
    const existing = `apiVersion: v1\nkind: Config\nclusters: [{name: prod, cluster: {server: "https://prod"}}]\nusers: [{name: prod, user: {}}]\ncontexts: [{name: prod, context: {cluster: prod, user: prod}}]\ncurrent-context: prod\n`;
    const m = parse(mergeKubeconfig(existing, skiff));
    expect(m.clusters.map((c: { name: string }) => c.name)).toEqual(['prod', 'skiff']);
    expect(m['current-context']).toBe('skiff');
  });

  it('replaces an older skiff entry instead of duplicating it', () => {
    const once = mergeKubeconfig(undefined, skiff);
    const twice = parse(mergeKubeconfig(once, skiff.replace('6443', '7443')));
    expect(twice.clusters).toHaveLength(1);
    expect(twice.clusters[0].cluster.server).toBe('https://127.0.0.1:7443');
  });

  it('refuses a kubeconfig that is not a mapping', () => {
    expect(() => mergeKubeconfig('- a\n- b\n', skiff)).toThrow(/not a YAML mapping/);
  });
});
