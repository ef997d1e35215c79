/**
 * apps/v1 workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet) and authorization/v1 access reviews.
 * Field numbers from k8s.io/api apps/v1 and authorization/v1 generated.proto; order and flags from types.go.
 */
import type { MessageTable, SpecialKind } from '../schema.js';

export const appsMessages: MessageTable = {
  Deployment: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'DeploymentSpec'],
    [3, 'status', 'DeploymentStatus'],
  ],
  DeploymentSpec: [
    [1, 'replicas', 'int32', '?'],
    [2, 'selector', 'LabelSelector', '?'],
    [3, 'template', 'PodTemplateSpec'],
    [4, 'strategy', 'DeploymentStrategy'],
    [5, 'minReadySeconds', 'int32'],
    [6, 'revisionHistoryLimit', 'int32', '?'],
    [7, 'paused', 'bool'],
    [9, 'progressDeadlineSeconds', 'int32', '?'],
  ],
  DeploymentStrategy: [
    [1, 'type', 'string'],
    [2, 'rollingUpdate', 'RollingUpdateDeployment', '?'],
  ],
  RollingUpdateDeployment: [
    [1, 'maxUnavailable', 'IntOrString', '?'],
    [2, 'maxSurge', 'IntOrString', '?'],
  ],
  DeploymentStatus: [
    [1, 'observedGeneration', 'int64'],
    [2, 'replicas', 'int32'],
    [3, 'updatedReplicas', 'int32'],
    [7, 'readyReplicas', 'int32'],
    [4, 'availableReplicas', 'int32'],
    [5, 'unavailableReplicas', 'int32'],
    [9, 'terminatingReplicas', 'int32', '?'],
    [6, 'conditions', 'DeploymentCondition[]'],
    [8, 'collisionCount', 'int32', '?'],
  ],
  DeploymentCondition: [
    [1, 'type', 'string', '!'],
    [2, 'status', 'string', '!'],
    [6, 'lastUpdateTime', 'Time'],
    [7, 'lastTransitionTime', 'Time'],
    [4, 'reason', 'string'],
    [5, 'message', 'string'],
  ],

  ReplicaSet: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'ReplicaSetSpec'],
    [3, 'status', 'ReplicaSetStatus'],
  ],
  ReplicaSetSpec: [
    [1, 'replicas', 'int32', '?'],
    [4, 'minReadySeconds', 'int32'],
    [2, 'selector', 'LabelSelector', '?'],
    [3, 'template', 'PodTemplateSpec'],
  ],
  ReplicaSetStatus: [
    [1, 'replicas', 'int32', '!'],
    [2, 'fullyLabeledReplicas', 'int32'],
    [4, 'readyReplicas', 'int32'],
    [5, 'availableReplicas', 'int32'],
    [7, 'terminatingReplicas', 'int32', '?'],
    [3, 'observedGeneration', 'int64'],
    [6, 'conditions', 'ReplicaSetCondition[]'],
  ],
  ReplicaSetCondition: [
    [1, 'type', 'string', '!'],
    [2, 'status', 'string', '!'],
    [3, 'lastTransitionTime', 'Time'],
    [4, 'reason', 'string'],
    [5, 'message', 'string'],
  ],

  StatefulSet: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'StatefulSetSpec'],
    [3, 'status', 'StatefulSetStatus'],
  ],
  StatefulSetSpec: [
    [1, 'replicas', 'int32', '?'],
    [2, 'selector', 'LabelSelector', '?'],
    [3, 'template', 'PodTemplateSpec'],
    [4, 'volumeClaimTemplates', 'PersistentVolumeClaim[]'],
    [5, 'serviceName', 'string', '!'],
    [6, 'podManagementPolicy', 'string'],
    [7, 'updateStrategy', 'StatefulSetUpdateStrategy'],
    [8, 'revisionHistoryLimit', 'int32', '?'],
    [9, 'minReadySeconds', 'int32'],
    [10, 'persistentVolumeClaimRetentionPolicy', 'StatefulSetPersistentVolumeClaimRetentionPolicy', '?'],
    [11, 'ordinals', 'StatefulSetOrdinals', '?'],
  ],
  StatefulSetUpdateStrategy: [
    [1, 'type', 'string'],
    [2, 'rollingUpdate', 'RollingUpdateStatefulSetStrategy', '?'],
  ],
  RollingUpdateStatefulSetStrategy: [
    [1, 'partition', 'int32', '?'],
    [2, 'maxUnavailable', 'IntOrString', '?'],
  ],
  StatefulSetPersistentVolumeClaimRetentionPolicy: [
    [1, 'whenDeleted', 'string'],
    [2, 'whenScaled', 'string'],
  ],
  StatefulSetOrdinals: [[1, 'start', 'int32', '!']],
  StatefulSetStatus: [
    [1, 'observedGeneration', 'int64'],
    [2, 'replicas', 'int32', '!'],
    [3, 'readyReplicas', 'int32'],
    [4, 'currentReplicas', 'int32'],
    [5, 'updatedReplicas', 'int32'],
    [6, 'currentRevision', 'string'],
    [7, 'updateRevision', 'string'],
    [9, 'collisionCount', 'int32', '?'],
    [10, 'conditions', 'StatefulSetCondition[]'],
    [11, 'availableReplicas', 'int32', '!'],
  ],
  StatefulSetCondition: [
    [1, 'type', 'string', '!'],
    [2, 'status', 'string', '!'],
    [3, 'lastTransitionTime', 'Time'],
    [4, 'reason', 'string'],
    [5, 'message', 'string'],
  ],

  DaemonSet: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'DaemonSetSpec'],
    [3, 'status', 'DaemonSetStatus'],
  ],
  DaemonSetSpec: [
    [1, 'selector', 'LabelSelector', '?'],
    [2, 'template', 'PodTemplateSpec'],
    [3, 'updateStrategy', 'DaemonSetUpdateStrategy'],
    [4, 'minReadySeconds', 'int32'],
    [6, 'revisionHistoryLimit', 'int32', '?'],
  ],
  DaemonSetUpdateStrategy: [
    [1, 'type', 'string'],
    [2, 'rollingUpdate', 'RollingUpdateDaemonSet', '?'],
  ],
  RollingUpdateDaemonSet: [
    [1, 'maxUnavailable', 'IntOrString', '?'],
    [2, 'maxSurge', 'IntOrString', '?'],
  ],
  DaemonSetStatus: [
    [1, 'currentNumberScheduled', 'int32', '!'],
    [2, 'numberMisscheduled', 'int32', '!'],
    [3, 'desiredNumberScheduled', 'int32', '!'],
    [4, 'numberReady', 'int32', '!'],
    [5, 'observedGeneration', 'int64'],
    [6, 'updatedNumberScheduled', 'int32'],
    [7, 'numberAvailable', 'int32'],
    [8, 'numberUnavailable', 'int32'],
    [9, 'collisionCount', 'int32', '?'],
    [10, 'conditions', 'DaemonSetCondition[]'],
  ],
  DaemonSetCondition: [
    [1, 'type', 'string', '!'],
    [2, 'status', 'string', '!'],
    [3, 'lastTransitionTime', 'Time'],
    [4, 'reason', 'string'],
    [5, 'message', 'string'],
  ],
};

export const authorizationMessages: MessageTable = {
  // authentication.k8s.io/v1 TokenRequest (`kubectl create token`), from authentication/v1 generated.proto.
  TokenRequest: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'TokenRequestSpec'],
    [3, 'status', 'TokenRequestStatus'],
  ],
  TokenRequestSpec: [
    [1, 'audiences', 'string[]'],
    [4, 'expirationSeconds', 'int64', '?'],
    [3, 'boundObjectRef', 'BoundObjectReference', '?'],
  ],
  BoundObjectReference: [
    [1, 'kind', 'string'],
    [2, 'apiVersion', 'string'],
    [3, 'name', 'string'],
    [4, 'uid', 'string'],
  ],
  TokenRequestStatus: [
    [1, 'token', 'string'],
    [2, 'expirationTimestamp', 'Time'],
  ],
  SelfSubjectAccessReview: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'SelfSubjectAccessReviewSpec'],
    [3, 'status', 'SubjectAccessReviewStatus'],
  ],
  SelfSubjectAccessReviewSpec: [
    [1, 'resourceAttributes', 'ResourceAttributes', '?'],
    [2, 'nonResourceAttributes', 'NonResourceAttributes', '?'],
  ],
  SubjectAccessReview: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'SubjectAccessReviewSpec'],
    [3, 'status', 'SubjectAccessReviewStatus'],
  ],
  LocalSubjectAccessReview: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'SubjectAccessReviewSpec'],
    [3, 'status', 'SubjectAccessReviewStatus'],
  ],
  SubjectAccessReviewSpec: [
    [1, 'resourceAttributes', 'ResourceAttributes', '?'],
    [2, 'nonResourceAttributes', 'NonResourceAttributes', '?'],
    [3, 'user', 'string'],
    [4, 'groups', 'string[]'],
    [5, 'extra', 'map<ExtraValue>'],
    [6, 'uid', 'string'],
  ],
  ExtraValue: [[1, 'items', 'string[]']],
  ResourceAttributes: [
    [1, 'namespace', 'string'],
    [2, 'verb', 'string'],
    [3, 'group', 'string'],
    [4, 'version', 'string'],
    [5, 'resource', 'string'],
    [6, 'subresource', 'string'],
    [7, 'name', 'string'],
    [8, 'fieldSelector', 'FieldSelectorAttributes', '?'],
    [9, 'labelSelector', 'LabelSelectorAttributes', '?'],
  ],
  FieldSelectorAttributes: [
    [1, 'rawSelector', 'string'],
    [2, 'requirements', 'FieldSelectorRequirement[]'],
  ],
  LabelSelectorAttributes: [
    [1, 'rawSelector', 'string'],
    [2, 'requirements', 'LabelSelectorRequirement[]'],
  ],
  NonResourceAttributes: [
    [1, 'path', 'string'],
    [2, 'verb', 'string'],
  ],
  SubjectAccessReviewStatus: [
    [1, 'allowed', 'bool', '!'],
    [4, 'denied', 'bool'],
    [2, 'reason', 'string'],
    [3, 'evaluationError', 'string'],
  ],
  SelfSubjectRulesReview: [
    [1, 'metadata', 'ObjectMeta'],
    [2, 'spec', 'SelfSubjectRulesReviewSpec'],
    [3, 'status', 'SubjectRulesReviewStatus'],
  ],
  SelfSubjectRulesReviewSpec: [[1, 'namespace', 'string']],
  SubjectRulesReviewStatus: [
    [1, 'resourceRules', 'ResourceRule[]'],
    [2, 'nonResourceRules', 'NonResourceRule[]'],
    [3, 'incomplete', 'bool', '!'],
    [4, 'evaluationError', 'string'],
  ],
  ResourceRule: [
    [1, 'verbs', 'string[]'],
    [2, 'apiGroups', 'string[]'],
    [3, 'resources', 'string[]'],
    [4, 'resourceNames', 'string[]'],
  ],
  NonResourceRule: [
    [1, 'verbs', 'string[]'],
    [2, 'nonResourceURLs', 'string[]'],
  ],
};

export const authorizationSpecials: Readonly<Record<string, SpecialKind>> = { ExtraValue: 'StringList' };
