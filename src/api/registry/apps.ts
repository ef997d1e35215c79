/** apps/v1 workloads. All four are in the `all` category; all but DaemonSet have a `scale` subresource. */
import { defineResource, scaleSubresource, statusOf, type ResourceInfo } from './types.js';

const gv = { group: 'apps', version: 'v1' };
const apps = (kind: string) => ({ group: 'apps', version: 'v1', kind });

export function appsV1Resources(): ResourceInfo[] {
  return [
    defineResource(gv, {
      kind: 'DaemonSet',
      resource: 'daemonsets',
      namespaced: true,
      shortNames: ['ds'],
      categories: ['all'],
      subresources: [statusOf(apps('DaemonSet'))],
    }),
    defineResource(gv, {
      kind: 'Deployment',
      resource: 'deployments',
      namespaced: true,
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [scaleSubresource(), statusOf(apps('Deployment'))],
    }),
    defineResource(gv, {
      kind: 'ReplicaSet',
      resource: 'replicasets',
      namespaced: true,
      shortNames: ['rs'],
      categories: ['all'],
      subresources: [scaleSubresource(), statusOf(apps('ReplicaSet'))],
    }),
    defineResource(gv, {
      kind: 'StatefulSet',
      resource: 'statefulsets',
      namespaced: true,
      shortNames: ['sts'],
      categories: ['all'],
      subresources: [scaleSubresource(), statusOf(apps('StatefulSet'))],
    }),
  ];
}
