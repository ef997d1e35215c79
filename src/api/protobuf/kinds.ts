/**
 * The compiled Kubernetes schema and the kinds that can travel as protobuf request bodies: the ones kubectl sends as
 * protobuf (`create deployment|namespace|configmap|secret|service|serviceaccount`, `auth can-i`) and their neighbours.
 */
import { compileSchema, type MessageDescriptor, type Schema } from './schema.js';
import { appsMessages, authorizationMessages, authorizationSpecials } from './tables/apps-authz.js';
import { coreMessages } from './tables/core.js';
import { rbacQuotaMessages } from './tables/rbac-quota.js';
import { podSpecMessages } from './tables/core-podspec.js';
import { metaMessages, metaSpecials } from './tables/meta.js';

export const k8sSchema: Schema = compileSchema(
  [metaMessages, podSpecMessages, coreMessages, appsMessages, authorizationMessages, rbacQuotaMessages],
  { ...metaSpecials, ...authorizationSpecials },
);

/** `apiVersion` → kind → root message name. */
const ROOT_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  v1: {
    Namespace: 'Namespace',
    ConfigMap: 'ConfigMap',
    Secret: 'Secret',
    ServiceAccount: 'ServiceAccount',
    Service: 'Service',
    Pod: 'Pod',
    PersistentVolumeClaim: 'PersistentVolumeClaim',
    ResourceQuota: 'ResourceQuota',
  },
  'apps/v1': {
    Deployment: 'Deployment',
    ReplicaSet: 'ReplicaSet',
    StatefulSet: 'StatefulSet',
    DaemonSet: 'DaemonSet',
  },
  'rbac.authorization.k8s.io/v1': {
    Role: 'Role',
    ClusterRole: 'ClusterRole',
    RoleBinding: 'RoleBinding',
    ClusterRoleBinding: 'ClusterRoleBinding',
  },
  'authentication.k8s.io/v1': {
    TokenRequest: 'TokenRequest',
  },
  'authorization.k8s.io/v1': {
    SelfSubjectAccessReview: 'SelfSubjectAccessReview',
    SubjectAccessReview: 'SubjectAccessReview',
    LocalSubjectAccessReview: 'LocalSubjectAccessReview',
    SelfSubjectRulesReview: 'SelfSubjectRulesReview',
  },
};

/** The root message for a kind, or undefined when the kind has no protobuf schema here. */
export function protobufMessageFor(apiVersion: string, kind: string): MessageDescriptor | undefined {
  const name = Object.hasOwn(ROOT_MESSAGES, apiVersion) ? ROOT_MESSAGES[apiVersion]![kind] : undefined;
  return name !== undefined && Object.hasOwn(ROOT_MESSAGES[apiVersion]!, kind) ? k8sSchema.message(name) : undefined;
}

/** Every (apiVersion, kind) the codec understands. */
export function protobufKinds(): { apiVersion: string; kind: string }[] {
  return Object.entries(ROOT_MESSAGES).flatMap(([apiVersion, kinds]) =>
    Object.keys(kinds).map((kind) => ({ apiVersion, kind })),
  );
}
