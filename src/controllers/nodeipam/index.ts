/** nodeipam: assigns every Node a pod CIDR from the cluster CIDR (Kubernetes' RangeAllocator). */
export { CidrError, CidrSet, MAX_SUBNET_BITS, formatCidr, formatIP, parseCidr, parseIP, type ParsedCidr } from './cidr-set.js';
export {
  DEFAULT_CLUSTER_CIDR,
  DEFAULT_NODE_CIDR_MASK_SIZE_IPV4,
  DEFAULT_NODE_CIDR_MASK_SIZE_IPV6,
  RangeAllocator,
  nodeIpamController,
  podCIDRsOf,
  type NodeIpamControllerOptions,
  type RangeAllocatorOptions,
} from './controller.js';
