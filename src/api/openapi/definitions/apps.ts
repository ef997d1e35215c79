/** apps/v1 workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet) and autoscaling/v1 Scale. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const appsDefinitions: CompactTable = {
  'apps.Deployment': {
    d: 'Deployment manages ReplicaSets to roll out pods declaratively.',
    gvk: ['apps', 'v1', 'Deployment'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['apps.DeploymentSpec', 'Desired behavior of the Deployment.'],
      status: ['apps.DeploymentStatus', 'Most recently observed status of the Deployment; read-only.'],
    },
  },
  'apps.ReplicaSet': {
    d: 'ReplicaSet keeps a given number of identical pods running.',
    gvk: ['apps', 'v1', 'ReplicaSet'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['apps.ReplicaSetSpec', 'Desired behavior of the ReplicaSet.'],
      status: ['apps.ReplicaSetStatus', 'Most recently observed status of the ReplicaSet; read-only.'],
    },
  },
  'apps.StatefulSet': {
    d: 'StatefulSet manages pods with stable identities and stable storage, created and updated in order.',
    gvk: ['apps', 'v1', 'StatefulSet'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['apps.StatefulSetSpec', 'Desired behavior of the StatefulSet.'],
      status: ['apps.StatefulSetStatus', 'Most recently observed status of the StatefulSet; read-only.'],
    },
  },
  'apps.DaemonSet': {
    d: 'DaemonSet runs a copy of a pod on every eligible node.',
    gvk: ['apps', 'v1', 'DaemonSet'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['apps.DaemonSetSpec', 'Desired behavior of the DaemonSet.'],
      status: ['apps.DaemonSetStatus', 'Most recently observed status of the DaemonSet; read-only.'],
    },
  },
  'autoscaling.Scale': {
    d: 'Scale is the scale subresource of a workload: its desired and observed replica counts.',
    gvk: ['autoscaling', 'v1', 'Scale'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['autoscaling.ScaleSpec', 'Desired scale.'],
      status: ['autoscaling.ScaleStatus', 'Observed scale; read-only.'],
    },
  },
  'apps.DeploymentSpec': {
    d: 'DeploymentSpec is the desired behavior of a Deployment.',
    p: {
      replicas: ['int32', 'Number of desired pods; defaults to 1.'],
      selector: ['meta.LabelSelector', "Label selector for the pods; must match the template's labels and cannot be changed in apps/v1."],
      template: ['core.PodTemplateSpec', 'Template of the pods to create.'],
      strategy: ['apps.DeploymentStrategy', 'How existing pods are replaced with new ones.', { strategy: 'retainKeys' }],
      minReadySeconds: ['int32', 'Seconds a new pod must be ready, without crashing, to count as available; defaults to 0.'],
      revisionHistoryLimit: ['int32', 'Number of old ReplicaSets kept for rollback; defaults to 10.'],
      paused: ['boolean', 'If true, changes to the template do not start a rollout.'],
      progressDeadlineSeconds: ['int32', 'Seconds a rollout may make no progress before it is reported as failed; defaults to 600.'],
    },
    req: ['selector', 'template'],
  },
  'apps.DeploymentStatus': {
    d: 'DeploymentStatus is the most recently observed status of a Deployment.',
    p: {
      observedGeneration: ['int64', 'Generation of the Deployment the controller last acted on.'],
      replicas: ['int32', 'Non-terminated pods targeted by the Deployment.'],
      updatedReplicas: ['int32', 'Non-terminated pods that have the current template.'],
      readyReplicas: ['int32', 'Pods targeted by the Deployment that are ready.'],
      availableReplicas: ['int32', 'Pods targeted by the Deployment that have been ready for at least minReadySeconds.'],
      unavailableReplicas: ['int32', 'Pods still needed for the Deployment to be fully available.'],
      conditions: ['apps.DeploymentCondition[]', 'Current conditions of the Deployment, such as Available and Progressing.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      collisionCount: ['int32', 'Hash collisions seen when naming new ReplicaSets; mixed into the template hash.'],
    },
  },
  'apps.ReplicaSetSpec': {
    d: 'ReplicaSetSpec is the desired behavior of a ReplicaSet.',
    p: {
      replicas: ['int32', 'Number of desired pods; defaults to 1.'],
      minReadySeconds: ['int32', 'Seconds a new pod must be ready, without crashing, to count as available; defaults to 0.'],
      selector: ['meta.LabelSelector', "Label selector for the pods; must match the template's labels."],
      template: ['core.PodTemplateSpec', 'Template of the pods created when too few exist.'],
    },
    req: ['selector'],
  },
  'apps.ReplicaSetStatus': {
    d: 'ReplicaSetStatus is the most recently observed status of a ReplicaSet.',
    p: {
      replicas: ['int32', 'Most recently observed number of pods.'],
      fullyLabeledReplicas: ['int32', "Pods whose labels match all of the template's labels."],
      readyReplicas: ['int32', 'Pods that are ready.'],
      availableReplicas: ['int32', 'Pods that have been ready for at least minReadySeconds.'],
      observedGeneration: ['int64', 'Generation of the ReplicaSet the controller last acted on.'],
      conditions: ['apps.ReplicaSetCondition[]', 'Current conditions of the ReplicaSet.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
    },
    req: ['replicas'],
  },
  'apps.StatefulSetSpec': {
    d: 'StatefulSetSpec is the desired behavior of a StatefulSet.',
    p: {
      replicas: ['int32', 'Number of desired pods; defaults to 1.'],
      selector: ['meta.LabelSelector', "Label selector for the pods; must match the template's labels."],
      template: ['core.PodTemplateSpec', 'Template of the pods; each gets a unique, stable identity.'],
      volumeClaimTemplates: ['core.PersistentVolumeClaim[]', 'Claims created for each pod, which it mounts by name; they outlive the pods.', { list: 'atomic' }],
      serviceName: ['string', 'Name of the headless service that gives the pods their network identity.'],
      podManagementPolicy: ['string', 'OrderedReady (default) creates and deletes pods one at a time in order; Parallel does not wait.', { enum: ['OrderedReady', 'Parallel'] }],
      updateStrategy: ['apps.StatefulSetUpdateStrategy', 'How pods are updated when the template changes.'],
      revisionHistoryLimit: ['int32', 'Number of old revisions kept; defaults to 10.'],
      minReadySeconds: ['int32', 'Seconds a new pod must be ready, without crashing, to count as available; defaults to 0.'],
      persistentVolumeClaimRetentionPolicy: ['apps.StatefulSetPersistentVolumeClaimRetentionPolicy', 'Whether claims from volumeClaimTemplates are kept or deleted when the set is deleted or scaled down.'],
      ordinals: ['apps.StatefulSetOrdinals', "Numbering of the pods' ordinal indices."],
    },
    req: ['selector', 'template', 'serviceName'],
  },
  'apps.StatefulSetStatus': {
    d: 'StatefulSetStatus is the most recently observed status of a StatefulSet.',
    p: {
      observedGeneration: ['int64', 'Generation of the StatefulSet the controller last acted on.'],
      replicas: ['int32', 'Pods created by the controller.'],
      readyReplicas: ['int32', 'Pods that are ready.'],
      currentReplicas: ['int32', 'Pods created from the currentRevision.'],
      updatedReplicas: ['int32', 'Pods created from the updateRevision.'],
      currentRevision: ['string', 'Revision used for pods [0, currentReplicas).'],
      updateRevision: ['string', 'Revision used for pods [replicas-updatedReplicas, replicas).'],
      collisionCount: ['int32', 'Hash collisions seen when naming ControllerRevisions.'],
      conditions: ['apps.StatefulSetCondition[]', 'Current conditions of the StatefulSet.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      availableReplicas: ['int32', 'Pods that have been ready for at least minReadySeconds.'],
    },
    req: ['replicas'],
  },
  'apps.DaemonSetSpec': {
    d: 'DaemonSetSpec is the desired behavior of a DaemonSet.',
    p: {
      selector: ['meta.LabelSelector', "Label selector for the pods; must match the template's labels."],
      template: ['core.PodTemplateSpec', 'Template of the pod run on each eligible node.'],
      updateStrategy: ['apps.DaemonSetUpdateStrategy', 'How pods are replaced when the template changes.'],
      minReadySeconds: ['int32', 'Seconds a new pod must be ready, without crashing, to count as available; defaults to 0.'],
      revisionHistoryLimit: ['int32', 'Number of old revisions kept; defaults to 10.'],
    },
    req: ['selector', 'template'],
  },
  'apps.DaemonSetStatus': {
    d: 'DaemonSetStatus is the most recently observed status of a DaemonSet.',
    p: {
      currentNumberScheduled: ['int32', 'Nodes that run at least one daemon pod and should.'],
      numberMisscheduled: ['int32', 'Nodes that run a daemon pod but should not.'],
      desiredNumberScheduled: ['int32', 'Nodes that should run the daemon pod.'],
      numberReady: ['int32', 'Nodes that should run the daemon pod and have a ready one.'],
      observedGeneration: ['int64', 'Generation of the DaemonSet the controller last acted on.'],
      updatedNumberScheduled: ['int32', 'Nodes running an up-to-date daemon pod.'],
      numberAvailable: ['int32', 'Nodes that should run the daemon pod and have one available for minReadySeconds.'],
      numberUnavailable: ['int32', 'Nodes that should run the daemon pod and have none available.'],
      collisionCount: ['int32', 'Hash collisions seen when naming ControllerRevisions.'],
      conditions: ['apps.DaemonSetCondition[]', 'Current conditions of the DaemonSet.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
    },
    req: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'],
  },
  'autoscaling.ScaleSpec': {
    d: 'ScaleSpec holds the desired number of replicas.',
    p: {
      replicas: ['int32', 'Desired number of replicas.'],
    },
  },
  'autoscaling.ScaleStatus': {
    d: 'ScaleStatus holds the observed number of replicas and their selector.',
    p: {
      replicas: ['int32', 'Observed number of replicas.'],
      selector: ['string', 'Label selector of the pods, in query-string form (e.g. app=nginx).'],
    },
    req: ['replicas'],
  },
  'apps.DeploymentStrategy': {
    d: 'DeploymentStrategy says how old pods are replaced with new ones.',
    p: {
      type: ['string', 'Recreate or RollingUpdate (default).', { enum: ['Recreate', 'RollingUpdate'] }],
      rollingUpdate: ['apps.RollingUpdateDeployment', 'Parameters of a rolling update; only for type RollingUpdate.'],
    },
  },
  'apps.DeploymentCondition': {
    d: 'DeploymentCondition is one condition of a Deployment.',
    p: {
      type: ['string', 'Type of the condition: Available, Progressing or ReplicaFailure.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastUpdateTime: ['meta.Time', 'Last time the condition was updated.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition, e.g. NewReplicaSetAvailable.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'apps.ReplicaSetCondition': {
    d: 'ReplicaSetCondition is one condition of a ReplicaSet.',
    p: {
      type: ['string', 'Type of the condition, e.g. ReplicaFailure.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'apps.StatefulSetUpdateStrategy': {
    d: 'StatefulSetUpdateStrategy says how StatefulSet pods are updated.',
    p: {
      type: ['string', 'RollingUpdate (default) or OnDelete.', { enum: ['OnDelete', 'RollingUpdate'] }],
      rollingUpdate: ['apps.RollingUpdateStatefulSetStrategy', 'Parameters of a rolling update.'],
    },
  },
  'apps.StatefulSetPersistentVolumeClaimRetentionPolicy': {
    d: 'StatefulSetPersistentVolumeClaimRetentionPolicy says what happens to claims created from volumeClaimTemplates.',
    p: {
      whenDeleted: ['string', 'On deletion of the StatefulSet: Retain (default) or Delete.'],
      whenScaled: ['string', 'On scale-down, for the removed pods: Retain (default) or Delete.'],
    },
  },
  'apps.StatefulSetOrdinals': {
    d: "StatefulSetOrdinals sets the numbering of a StatefulSet's pods.",
    p: {
      start: ['int32', 'Ordinal of the first pod; defaults to 0.'],
    },
  },
  'apps.StatefulSetCondition': {
    d: 'StatefulSetCondition is one condition of a StatefulSet.',
    p: {
      type: ['string', 'Type of the condition.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'apps.DaemonSetUpdateStrategy': {
    d: 'DaemonSetUpdateStrategy says how DaemonSet pods are replaced.',
    p: {
      type: ['string', 'RollingUpdate (default) or OnDelete.', { enum: ['OnDelete', 'RollingUpdate'] }],
      rollingUpdate: ['apps.RollingUpdateDaemonSet', 'Parameters of a rolling update.'],
    },
  },
  'apps.DaemonSetCondition': {
    d: 'DaemonSetCondition is one condition of a DaemonSet.',
    p: {
      type: ['string', 'Type of the condition.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'apps.RollingUpdateDeployment': {
    d: 'RollingUpdateDeployment tunes a rolling update.',
    p: {
      maxUnavailable: ['intstr.IntOrString', 'Pods (number or percent of desired, rounded down) that may be unavailable during the update; defaults to 25%.'],
      maxSurge: ['intstr.IntOrString', 'Pods (number or percent of desired, rounded up) that may be created above the desired count; defaults to 25%.'],
    },
  },
  'apps.RollingUpdateStatefulSetStrategy': {
    d: 'RollingUpdateStatefulSetStrategy tunes a StatefulSet rolling update.',
    p: {
      partition: ['int32', 'Only pods with an ordinal at or above this number are updated; defaults to 0.'],
      maxUnavailable: ['intstr.IntOrString', 'Pods (number or percent) that may be unavailable during the update; defaults to 1.'],
    },
  },
  'apps.RollingUpdateDaemonSet': {
    d: 'RollingUpdateDaemonSet tunes a DaemonSet rolling update.',
    p: {
      maxUnavailable: ['intstr.IntOrString', 'Nodes (number or percent) whose daemon pod may be unavailable during the update; defaults to 1.'],
      maxSurge: ['intstr.IntOrString', 'Nodes (number or percent) that may run an old and a new pod at once during the update; defaults to 0.'],
    },
  },
};
