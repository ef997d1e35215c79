/** apps/v1 defaulting (k8s.io/kubernetes pkg/apis/apps/v1/defaults.go). */
import { defaultPodTemplate } from './pod.js';
import { type Obj, ensureObj, objAt, objsAt, defaultFields, defaultStrings } from './util.js';

function defaultTemplateOf(spec: Obj): void {
  const template = objAt(spec, 'template');
  if (template) defaultPodTemplate(template);
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600s progress deadline. */
export function defaultDeployment(d: Obj): void {
  const spec = ensureObj(d, 'spec');
  if (!spec) return;
  defaultFields(spec, { replicas: 1 });
  const strategy = ensureObj(spec, 'strategy');
  if (strategy) {
    defaultStrings(strategy, { type: 'RollingUpdate' });
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObj(strategy, 'rollingUpdate');
      if (ru) {
        defaultFields(ru, { maxUnavailable: '25%', maxSurge: '25%' });
      }
    }
  }
  defaultFields(spec, { revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
  defaultTemplateOf(spec);
}

/** SetDefaults_ReplicaSet: 1 replica. */
export function defaultReplicaSet(rs: Obj): void {
  const spec = ensureObj(rs, 'spec');
  if (!spec) return;
  defaultFields(spec, { replicas: 1 });
  defaultTemplateOf(spec);
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions. */
export function defaultDaemonSet(ds: Obj): void {
  const spec = ensureObj(ds, 'spec');
  if (!spec) return;
  const strategy = ensureObj(spec, 'updateStrategy');
  if (strategy) {
    defaultStrings(strategy, { type: 'RollingUpdate' });
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObj(strategy, 'rollingUpdate');
      if (ru) {
        defaultFields(ru, { maxUnavailable: 1, maxSurge: 0 });
      }
    }
  }
  defaultFields(spec, { revisionHistoryLimit: 10 });
  defaultTemplateOf(spec);
}

/**
 * SetDefaults_StatefulSet: OrderedReady, RollingUpdate with partition 0, Retain/Retain PVC retention, 1 replica,
 * 10 revisions; volume claim templates get SetDefaults_PersistentVolumeClaim(Spec).
 */
export function defaultStatefulSet(sts: Obj): void {
  const spec = ensureObj(sts, 'spec');
  if (!spec) return;
  defaultStrings(spec, { podManagementPolicy: 'OrderedReady' });
  const strategy = ensureObj(spec, 'updateStrategy');
  if (strategy) {
    if (!strategy.type) {
      strategy.type = 'RollingUpdate';
      defaultFields(strategy, { rollingUpdate: {} });
    }
    const ru = objAt(strategy, 'rollingUpdate');
    if (strategy.type === 'RollingUpdate' && ru) defaultFields(ru, { partition: 0 });
  }
  const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    defaultStrings(retention, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  }
  defaultFields(spec, { replicas: 1, revisionHistoryLimit: 10 });
  defaultTemplateOf(spec);
  for (const pvc of objsAt(spec, 'volumeClaimTemplates')) {
    const pvcSpec = ensureObj(pvc, 'spec');
    if (pvcSpec) defaultFields(pvcSpec, { volumeMode: 'Filesystem' });
    const status = ensureObj(pvc, 'status');
    if (status) defaultStrings(status, { phase: 'Pending' });
  }
}
