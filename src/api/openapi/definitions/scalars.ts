/**
 * apimachinery types whose JSON form is not a plain object (Time, MicroTime, Quantity, IntOrString), the opaque ones
 * (FieldsV1, RawExtension) and WatchEvent, written out as full schemas.
 */
import type { SchemaObject } from '../schema.js';
import { refProperty } from '../schema.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export const scalarDefinitions: Readonly<Record<string, SchemaObject>> = {
  [`${META}.Time`]: {
    description: 'Time is a timestamp serialized as an RFC 3339 string in UTC with second precision, e.g. 2024-05-01T12:00:00Z.',
    type: 'string',
    format: 'date-time',
  },
  [`${META}.MicroTime`]: {
    description: 'MicroTime is a timestamp serialized as an RFC 3339 string with microsecond precision.',
    type: 'string',
    format: 'date-time',
  },
  [`${META}.FieldsV1`]: {
    description:
      'FieldsV1 is the set of fields a manager owns, as a trie of JSON objects keyed by f:<field>, k:<key>, v:<value> or i:<index>, with "." marking a field itself.',
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${META}.WatchEvent`]: {
    description: 'WatchEvent is one event of a watch stream: its type and the object it is about.',
    type: 'object',
    properties: {
      type: { type: 'string', description: 'Type of the event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.' },
      object: refProperty('io.k8s.apimachinery.pkg.runtime.RawExtension', {
        description: 'The object after the change; for ERROR a Status, for BOOKMARK an object carrying only a resourceVersion.',
      }),
    },
    required: ['type', 'object'],
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': {
    description: 'RawExtension holds an embedded object of any kind, serialized as-is.',
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description:
      'Quantity is a fixed-point number with an optional unit suffix: binary SI (Ki, Mi, Gi, ...), decimal SI (m, k, M, G, ...) or a decimal exponent (e.g. 1e3); written as a string like "500m" or "1Gi", or as a plain number.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'IntOrString holds either an integer or a string, such as a port number or name, or a percentage like "25%".',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    'x-kubernetes-int-or-string': true,
  },
};
