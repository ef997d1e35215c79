/** In-tree plugin names (framework/plugins/names/names.go). */
export const Names = {
  NodeName: 'NodeName',
  NodeUnschedulable: 'NodeUnschedulable',
  NodeResourcesFit: 'NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  NodePorts: 'NodePorts',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  ImageLocality: 'ImageLocality',
  DefaultPreemption: 'DefaultPreemption',
  DefaultBinder: 'DefaultBinder',
} as const;
