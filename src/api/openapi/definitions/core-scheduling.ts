/** core/v1 scheduling constraints: node/pod affinity, tolerations, taints, topology spread. */
import type { CompactTable } from '../compact.js';

export const coreSchedulingDefinitions: CompactTable = {
  'core.Affinity': {
    d: 'Affinity groups the node, pod and anti-pod affinity rules of a pod.',
    p: {
      nodeAffinity: ['core.NodeAffinity', 'Node affinity rules.'],
      podAffinity: ['core.PodAffinity', 'Rules to co-locate the pod with other pods (same node, zone, ...).'],
      podAntiAffinity: ['core.PodAntiAffinity', 'Rules to keep the pod away from other pods.'],
    },
  },
  'core.Toleration': {
    d: 'Toleration lets a pod be scheduled onto (or stay on) nodes with a matching taint.',
    p: {
      key: ['string', 'Taint key to tolerate; empty with operator Exists tolerates every taint.'],
      operator: ['string', 'Relation of the key to the value: Exists or Equal (default).', { enum: ['Equal', 'Exists'] }],
      value: ['string', 'Taint value to match; empty with operator Exists.'],
      effect: ['string', 'Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.', { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] }],
      tolerationSeconds: ['int64', 'For NoExecute taints, how long the pod may stay after the taint appears; unset means forever.'],
    },
  },
  'core.TopologySpreadConstraint': {
    d: 'TopologySpreadConstraint spreads matching pods evenly across topology domains.',
    p: {
      maxSkew: ['int32', 'Largest allowed difference in matching pods between any two domains; at least 1.'],
      topologyKey: ['string', 'Node label whose values define the domains, such as topology.kubernetes.io/zone.'],
      whenUnsatisfiable: ['string', 'What to do if the constraint cannot be met: DoNotSchedule (default) or ScheduleAnyway.', { enum: ['DoNotSchedule', 'ScheduleAnyway'] }],
      labelSelector: ['meta.LabelSelector', 'Label query over the pods to count.'],
      minDomains: ['int32', 'Minimum number of eligible domains; fewer counts as 0 matching pods per missing domain.'],
      nodeAffinityPolicy: ['string', 'Whether nodeAffinity and nodeSelector restrict the domains counted: Honor (default) or Ignore.', { enum: ['Honor', 'Ignore'] }],
      nodeTaintsPolicy: ['string', 'Whether node taints restrict the domains counted: Honor or Ignore (default).', { enum: ['Honor', 'Ignore'] }],
      matchLabelKeys: ['string[]', 'Label keys whose values, taken from the incoming pod, narrow the pods counted.', { list: 'atomic' }],
    },
    req: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
  },
  'core.Taint': {
    d: 'Taint marks a node so that pods which do not tolerate it are repelled.',
    p: {
      key: ['string', 'Taint key.'],
      value: ['string', 'Taint value.'],
      effect: ['string', 'Effect on pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.', { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] }],
      timeAdded: ['meta.Time', 'Time a NoExecute taint was added.'],
    },
    req: ['key', 'effect'],
  },
  'core.NodeAffinity': {
    d: 'NodeAffinity holds node affinity rules.',
    p: {
      requiredDuringSchedulingIgnoredDuringExecution: ['core.NodeSelector', 'Node requirements that must hold for the pod to be scheduled; later changes do not evict it.'],
      preferredDuringSchedulingIgnoredDuringExecution: ['core.PreferredSchedulingTerm[]', 'Weighted node preferences; nodes with the highest sum of matching weights are favoured.', { list: 'atomic' }],
    },
  },
  'core.PodAffinity': {
    d: 'PodAffinity holds rules to place a pod near other pods.',
    p: {
      requiredDuringSchedulingIgnoredDuringExecution: ['core.PodAffinityTerm[]', 'Terms that must all hold at scheduling time; later changes do not evict the pod.', { list: 'atomic' }],
      preferredDuringSchedulingIgnoredDuringExecution: ['core.WeightedPodAffinityTerm[]', 'Weighted terms; nodes with the highest sum of matching weights are favoured.', { list: 'atomic' }],
    },
  },
  'core.PodAntiAffinity': {
    d: 'PodAntiAffinity holds rules to keep a pod away from other pods.',
    p: {
      requiredDuringSchedulingIgnoredDuringExecution: ['core.PodAffinityTerm[]', 'Terms that must all hold at scheduling time; later changes do not evict the pod.', { list: 'atomic' }],
      preferredDuringSchedulingIgnoredDuringExecution: ['core.WeightedPodAffinityTerm[]', 'Weighted terms; nodes with the highest sum of matching weights are favoured.', { list: 'atomic' }],
    },
  },
  'core.NodeSelector': {
    d: 'NodeSelector ORs node selector terms.',
    mapType: 'atomic',
    p: {
      nodeSelectorTerms: ['core.NodeSelectorTerm[]', 'Terms of which at least one must match.', { list: 'atomic' }],
    },
    req: ['nodeSelectorTerms'],
  },
  'core.PreferredSchedulingTerm': {
    d: 'PreferredSchedulingTerm is a node preference with a weight.',
    p: {
      weight: ['int32', 'Weight of the preference, 1-100.'],
      preference: ['core.NodeSelectorTerm', 'Node selector term the preference applies to.'],
    },
    req: ['weight', 'preference'],
  },
  'core.PodAffinityTerm': {
    d: 'PodAffinityTerm selects pods and a topology key: the pod goes (or avoids going) where those pods run.',
    p: {
      labelSelector: ['meta.LabelSelector', 'Label query over the pods to match.'],
      namespaces: ['string[]', "Namespaces the pods may be in; empty with no namespaceSelector means the pod's own namespace.", { list: 'atomic' }],
      topologyKey: ['string', 'Node label whose values define the topology domains, such as kubernetes.io/hostname.'],
      namespaceSelector: ['meta.LabelSelector', 'Label query over namespaces the pods may be in; empty matches all namespaces.'],
      matchLabelKeys: ['string[]', 'Label keys whose values, taken from the incoming pod, are added to the labelSelector as In requirements.', { list: 'atomic' }],
      mismatchLabelKeys: ['string[]', 'Label keys whose values, taken from the incoming pod, are added to the labelSelector as NotIn requirements.', { list: 'atomic' }],
    },
    req: ['topologyKey'],
  },
  'core.WeightedPodAffinityTerm': {
    d: 'WeightedPodAffinityTerm is a pod affinity term with a weight.',
    p: {
      weight: ['int32', 'Weight of the term, 1-100.'],
      podAffinityTerm: ['core.PodAffinityTerm', 'The affinity term.'],
    },
    req: ['weight', 'podAffinityTerm'],
  },
  'core.NodeSelectorTerm': {
    d: 'NodeSelectorTerm ANDs requirements on node labels and fields; an empty term matches nothing.',
    mapType: 'atomic',
    p: {
      matchExpressions: ['core.NodeSelectorRequirement[]', 'Requirements on node labels.', { list: 'atomic' }],
      matchFields: ['core.NodeSelectorRequirement[]', 'Requirements on node fields (metadata.name).', { list: 'atomic' }],
    },
  },
  'core.NodeSelectorRequirement': {
    d: 'NodeSelectorRequirement relates a node label or field to a set of values.',
    p: {
      key: ['string', 'Label or field the requirement applies to.'],
      operator: ['string', 'Relation to the values: In, NotIn, Exists, DoesNotExist, Gt or Lt.', { enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] }],
      values: ['string[]', 'Values for the operator: several for In and NotIn, none for Exists and DoesNotExist, one integer for Gt and Lt.', { list: 'atomic' }],
    },
    req: ['key', 'operator'],
  },
};
