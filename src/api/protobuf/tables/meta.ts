/**
 * k8s.io/apimachinery messages: meta/v1 (ObjectMeta & co.), intstr, resource. (runtime.Unknown is in ../envelope.ts.)
 * Field numbers from apimachinery's generated.proto files; order and flags from the Go types (see ../schema.ts).
 */
import type { MessageTable, SpecialKind } from '../schema.js';

export const metaMessages: MessageTable = {
  ObjectMeta: [
    [1, 'name', 'string'],
    [2, 'generateName', 'string'],
    [3, 'namespace', 'string'],
    [4, 'selfLink', 'string'],
    [5, 'uid', 'string'],
    [6, 'resourceVersion', 'string'],
    [7, 'generation', 'int64'],
    [8, 'creationTimestamp', 'Time'],
    [9, 'deletionTimestamp', 'Time', '?'],
    [10, 'deletionGracePeriodSeconds', 'int64', '?'],
    [11, 'labels', 'map<string>'],
    [12, 'annotations', 'map<string>'],
    [13, 'ownerReferences', 'OwnerReference[]'],
    [14, 'finalizers', 'string[]'],
    [17, 'managedFields', 'ManagedFieldsEntry[]'],
  ],
  ListMeta: [
    [1, 'selfLink', 'string'],
    [2, 'resourceVersion', 'string'],
    [3, 'continue', 'string'],
    [4, 'remainingItemCount', 'int64', '?'],
  ],
  OwnerReference: [
    [5, 'apiVersion', 'string', '!'],
    [1, 'kind', 'string', '!'],
    [3, 'name', 'string', '!'],
    [4, 'uid', 'string', '!'],
    [6, 'controller', 'bool', '?'],
    [7, 'blockOwnerDeletion', 'bool', '?'],
  ],
  ManagedFieldsEntry: [
    [1, 'manager', 'string'],
    [2, 'operation', 'string'],
    [3, 'apiVersion', 'string'],
    [4, 'time', 'Time', '?'],
    [6, 'fieldsType', 'string'],
    [7, 'fieldsV1', 'FieldsV1', '?'],
    [8, 'subresource', 'string'],
  ],
  LabelSelector: [
    [1, 'matchLabels', 'map<string>'],
    [2, 'matchExpressions', 'LabelSelectorRequirement[]'],
  ],
  LabelSelectorRequirement: [
    [1, 'key', 'string', '!'],
    [2, 'operator', 'string', '!'],
    [3, 'values', 'string[]'],
  ],
  FieldSelectorRequirement: [
    [1, 'key', 'string', '!'],
    [2, 'operator', 'string', '!'],
    [3, 'values', 'string[]'],
  ],
  Condition: [
    [1, 'type', 'string', '!'],
    [2, 'status', 'string', '!'],
    [3, 'observedGeneration', 'int64'],
    [4, 'lastTransitionTime', 'Time'],
    [5, 'reason', 'string', '!'],
    [6, 'message', 'string', '!'],
  ],

  // Messages with a non-object JSON form (see `metaSpecials`).
  Time: [
    [1, 'seconds', 'int64'],
    [2, 'nanos', 'int32'],
  ],
  MicroTime: [
    [1, 'seconds', 'int64'],
    [2, 'nanos', 'int32'],
  ],
  FieldsV1: [[1, 'Raw', 'bytes']],
  IntOrString: [
    [1, 'type', 'int64'],
    [2, 'intVal', 'int32'],
    [3, 'strVal', 'string'],
  ],
  Quantity: [[1, 'string', 'string']],
};

export const metaSpecials: Readonly<Record<string, SpecialKind>> = {
  Time: 'Time',
  MicroTime: 'MicroTime',
  FieldsV1: 'FieldsV1',
  IntOrString: 'IntOrString',
  Quantity: 'Quantity',
};
