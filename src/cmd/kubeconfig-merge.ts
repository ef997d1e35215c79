/**
 * Merges a single-context kubeconfig (cluster, user and context all named alike) into an existing kubeconfig file,
 * replacing entries of the same name and making it the current context — what `skiff up` does to ~/.kube/config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from './files.js';

interface Named {
  name: string;
  [k: string]: unknown;
}
interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
  preferences?: unknown;
  [k: string]: unknown;
}

export function mergeKubeconfig(existingYaml: string | undefined, addYaml: string): string {
  const base = (existingYaml?.trim() ? parse(existingYaml) : {}) as Kubeconfig;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new Error('existing kubeconfig is not a YAML mapping');
  const add = parse(addYaml) as Kubeconfig;
  const merge = (a: Named[] | undefined, b: Named[] | undefined) => {
    const names = new Set((b ?? []).map((x) => x.name));
    return [...(a ?? []).filter((x) => !names.has(x.name)), ...(b ?? [])];
  };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    ...base,
    clusters: merge(base.clusters, add.clusters),
    users: merge(base.users, add.users),
    contexts: merge(base.contexts, add.contexts),
    'current-context': add['current-context'],
  });
}

export function mergeKubeconfigFile(path: string, addYaml: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  writeFileAtomic(path, mergeKubeconfig(existing, addYaml), 0o600);
}
