/**
 * Comparing and patching node status the way the kubelet does (kubernetes pkg/kubelet/kubelet_node_status.go
 * nodeStatusHasChanged, and component-helpers' nodeutil.PatchNodeStatus / preparePatchBytesforNodeStatus).
 */
import { createTwoWayMergePatch, deepEqual, isQuantityString, Quantity, type JsonObject } from '../../machinery/index.js';
import { patchSchemaFor, type Node, type NodeCondition, type NodeStatus, type ResourceList } from '../../api/index.js';

const NODE_SCHEMA = patchSchemaFor('', 'v1', 'Node');

/** Absent, null, `[]` and `{}` are the same value on the wire (Go's omitempty; Semantic.DeepEqual's nil ≈ empty). */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.values(v).every((x) => x === undefined);
}

/** Structural equality where empty values equal absent ones. */
function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    return [...new Set([...Object.keys(ao), ...Object.keys(bo)])].every((k) => semanticEqual(ao[k], bo[k]));
  }
  return deepEqual(a, b);
}

/** Resource lists compared by quantity value (`1Gi` equals `1073741824`), as Semantic.DeepEqual compares them. */
function sameResources(a: Readonly<ResourceList> | undefined, b: Readonly<ResourceList> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => {
    const x = a![k]!;
    const y = b?.[k];
    if (y === undefined) return false;
    return isQuantityString(x) && isQuantityString(y) ? Quantity.parse(x).equals(Quantity.parse(y)) : x === y;
  });
}

const byType = (x: NodeCondition, y: NodeCondition) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0);

/** True when the conditions differ in anything but `lastHeartbeatTime`, compared by type (nodeConditionsHaveChanged). */
export function nodeConditionsHaveChanged(
  original: readonly Readonly<NodeCondition>[] | undefined,
  conditions: readonly Readonly<NodeCondition>[] | undefined,
): boolean {
  const a = [...(original ?? [])].sort(byType);
  const b = [...(conditions ?? [])].sort(byType);
  if (a.length !== b.length) return true;
  return a.some((x, i) => {
    const { lastHeartbeatTime: _hx, ...restX } = x;
    const { lastHeartbeatTime: _hy, ...restY } = b[i]!;
    return !semanticEqual(restX, restY);
  });
}

/**
 * True when `status` differs from `original` in anything but the conditions' heartbeat times (nodeStatusHasChanged):
 * the kubelet patches such a status at once, and an unchanged one only every nodeStatusReportFrequency.
 */
export function nodeStatusHasChanged(original: Readonly<NodeStatus> | undefined, status: Readonly<NodeStatus> | undefined): boolean {
  if (!original && !status) return false;
  if (!original || !status) return true;
  if (nodeConditionsHaveChanged(original.conditions, status.conditions)) return true;
  const { conditions: _ca, capacity: capA, allocatable: allocA, ...restA } = original;
  const { conditions: _cb, capacity: capB, allocatable: allocB, ...restB } = status;
  return !sameResources(capA, capB) || !sameResources(allocA, allocB) || !semanticEqual(restA, restB);
}

/**
 * The strategic merge patch for nodes/{name}/status that turns `original` (the Node as read) into one with `status`
 * (preparePatchBytesforNodeStatus): a two-way patch, so conditions are merged by type and only what changed is sent.
 * `status.addresses` is tagged merge-by-type although addresses of one type may repeat, so when they changed they are
 * sent whole with a `$patch: replace` marker instead (fixupPatchForNodeStatusAddresses).
 */
export function nodeStatusPatch(original: Readonly<Node>, status: Readonly<NodeStatus>): JsonObject {
  const before = original.status?.addresses ?? [];
  const replaceAddresses = before.length > 0 && !semanticEqual(before, status.addresses);
  const modified = { ...original, status: replaceAddresses ? { ...status, addresses: before } : status };
  const patch = createTwoWayMergePatch(original as unknown as JsonObject, modified as unknown as JsonObject, NODE_SCHEMA);
  if (replaceAddresses) {
    const statusPatch = (patch.status ?? {}) as JsonObject;
    const addresses = (status.addresses ?? []).map((a) => ({ type: a.type, address: a.address }));
    patch.status = { ...statusPatch, addresses: [...addresses, { $patch: 'replace' }] };
  }
  return patch;
}
