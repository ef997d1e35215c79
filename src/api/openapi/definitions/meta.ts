/** k8s.io/apimachinery meta/v1: object and list metadata, selectors, Status, DeleteOptions, discovery documents. */
import { LIST_METADATA, type CompactTable } from '../compact.js';

export const metaDefinitions: CompactTable = {
  'meta.ListMeta': {
    d: 'ListMeta is the metadata every list and synthetic response carries.',
    p: {
      selfLink: ['string', 'Deprecated and no longer set by the server; kept for wire compatibility.'],
      resourceVersion: ['string', 'Opaque version of the list as a whole; start a watch from it to see later changes.'],
      continue: ['string', 'Opaque token for the next page, set when the request used a limit and more items remain.'],
      remainingItemCount: ['int64', 'Approximate number of items left after this page, when the server can count them.'],
    },
  },
  'meta.Status': {
    d: 'Status is the response of calls that return no object, and of every failed call.',
    tm: true,
    p: {
      metadata: ['meta.ListMeta', LIST_METADATA],
      status: ['string', 'Outcome of the operation, Success or Failure.'],
      message: ['string', 'Human-readable description of the outcome.'],
      reason: ['string', 'Machine-readable reason for a Failure (NotFound, AlreadyExists, Invalid, Conflict, ...); empty means no information.'],
      details: ['meta.StatusDetails', 'Extra data for the reason, such as the name and kind of the object involved; may be empty.', { list: 'atomic' }],
      code: ['int32', 'Suggested HTTP status code for this outcome, 0 when unset.'],
    },
  },
  'meta.DeleteOptions': {
    d: 'DeleteOptions may accompany a DELETE request to tune how the object is deleted.',
    tm: true,
    p: {
      gracePeriodSeconds: ['int64', "Seconds to wait before deleting; 0 deletes at once and unset uses the kind's default."],
      preconditions: ['meta.Preconditions', 'Conditions (uid, resourceVersion) the object must still meet, or the delete fails with 409 Conflict.'],
      orphanDependents: ['boolean', 'Deprecated in favour of propagationPolicy: whether dependents are orphaned instead of deleted.'],
      propagationPolicy: ['string', 'How the garbage collector treats dependents: Orphan, Background or Foreground.'],
      dryRun: ['string[]', 'When set to All, every stage runs but nothing is persisted.', { list: 'atomic' }],
      ignoreStoreReadErrorWithClusterBreakingPotential: ['boolean', 'If true, deletes the object unsafely even when it cannot be read from storage (corrupt data); use with care.'],
    },
  },
  'meta.APIResourceList': {
    d: 'APIResourceList lists the resources served in one group and version, with their scope and verbs.',
    tm: true,
    p: {
      groupVersion: ['string', 'The group/version this list describes.'],
      resources: ['meta.APIResource[]', 'The resources served in this group/version.', { list: 'atomic' }],
    },
    req: ['groupVersion', 'resources'],
  },
  'meta.APIGroupList': {
    d: 'APIGroupList lists the API groups served under /apis.',
    tm: true,
    p: {
      groups: ['meta.APIGroup[]', 'The groups served.', { list: 'atomic' }],
    },
    req: ['groups'],
  },
  'meta.APIVersions': {
    d: 'APIVersions lists the versions of the legacy core API served under /api.',
    tm: true,
    p: {
      versions: ['string[]', 'Versions served, such as v1.', { list: 'atomic' }],
      serverAddressByClientCIDRs: ['meta.ServerAddressByClientCIDR[]', 'Server addresses to use for clients in given CIDRs, for clients that need them.', { list: 'atomic' }],
    },
    req: ['versions', 'serverAddressByClientCIDRs'],
  },
  'meta.Patch': {
    d: 'Patch is the body of a PATCH request; its format depends on the Content-Type.',
  },
  'meta.ObjectMeta': {
    d: 'ObjectMeta is the metadata every persisted object has: identity, labels, annotations, ownership and bookkeeping.',
    p: {
      name: ['string', 'Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds); cannot be updated.'],
      generateName: ['string', 'Prefix the server uses to generate a unique name when name is empty.'],
      namespace: ['string', 'Namespace the object lives in; empty means default for namespaced kinds and must be empty for cluster-scoped ones.'],
      selfLink: ['string', 'Deprecated and no longer set by the server.'],
      uid: ['string', 'Unique identifier set by the server at creation; never reused.'],
      resourceVersion: ['string', 'Opaque version of the object, changed on every write; used for optimistic concurrency and watches.'],
      generation: ['int64', 'Number of the desired-state revision, bumped by the server when the spec changes.'],
      creationTimestamp: ['meta.Time', 'Time the server created the object; set by the system, read-only.'],
      deletionTimestamp: ['meta.Time', 'Time after which the object will be deleted; set by the server when a graceful deletion is requested.'],
      deletionGracePeriodSeconds: ['int64', 'Seconds the object has left to terminate gracefully once deletionTimestamp is set.'],
      labels: ['{string}', 'Key/value pairs used to organize and select objects.'],
      annotations: ['{string}', 'Arbitrary key/value metadata for tools and controllers; not used for selection.'],
      ownerReferences: ['meta.OwnerReference[]', 'Objects this object depends on; when every owner is gone the garbage collector deletes it.', { list: 'map', keys: ['uid'], merge: 'uid', strategy: 'merge' }],
      finalizers: ['string[]', 'Names that must be removed before the object is deleted from storage.', { list: 'set', strategy: 'merge' }],
      managedFields: ['meta.ManagedFieldsEntry[]', 'Which manager owns which fields, maintained by the server for server-side apply.', { list: 'atomic' }],
    },
  },
  'meta.StatusDetails': {
    d: 'StatusDetails carries the identity of the object a Status is about and the causes of a failure.',
    p: {
      name: ['string', 'Name of the object the status is about, when there is one.'],
      group: ['string', 'API group of the object the status is about.'],
      kind: ['string', 'Kind (or resource) of the object the status is about.'],
      uid: ['string', 'UID of the object the status is about, when known.'],
      causes: ['meta.StatusCause[]', 'Individual causes of the failure, for example one entry per invalid field.', { list: 'atomic' }],
      retryAfterSeconds: ['int32', 'Seconds a client should wait before retrying, when the server asks for a delay.'],
    },
  },
  'meta.Preconditions': {
    d: 'Preconditions must hold for an update or delete to proceed.',
    p: {
      uid: ['string', 'The UID the object must have.'],
      resourceVersion: ['string', 'The resourceVersion the object must have.'],
    },
  },
  'meta.APIResource': {
    d: 'APIResource describes one served resource: its names, kind, scope and verbs.',
    p: {
      name: ['string', 'Plural resource name, as used in URLs.'],
      singularName: ['string', 'Singular resource name, accepted by kubectl as well as the plural.'],
      namespaced: ['boolean', 'Whether objects of this resource live in a namespace.'],
      group: ['string', "Preferred group of the resource when it differs from the list's (subresources like scale)."],
      version: ['string', "Preferred version of the resource when it differs from the list's."],
      kind: ['string', 'Kind of the objects of this resource (e.g. Deployment for deployments).'],
      verbs: ['string[]', 'Verbs the resource supports: get, list, watch, create, update, patch, delete, deletecollection.'],
      shortNames: ['string[]', 'Short aliases kubectl accepts, such as deploy or po.', { list: 'atomic' }],
      categories: ['string[]', 'Groupings the resource belongs to, such as all.', { list: 'atomic' }],
      storageVersionHash: ['string', 'Opaque hash of the version objects are stored in; compare for equality only.'],
    },
    req: ['name', 'singularName', 'namespaced', 'kind', 'verbs'],
  },
  'meta.APIGroup': {
    d: 'APIGroup names a group with the versions it serves and the preferred one.',
    tm: true,
    p: {
      name: ['string', 'Name of the group.'],
      versions: ['meta.GroupVersionForDiscovery[]', 'Versions served in this group.', { list: 'atomic' }],
      preferredVersion: ['meta.GroupVersionForDiscovery', 'The version clients should use when they have no preference.'],
      serverAddressByClientCIDRs: ['meta.ServerAddressByClientCIDR[]', 'Server addresses to use for clients in given CIDRs, for clients that need them.', { list: 'atomic' }],
    },
    req: ['name', 'versions'],
  },
  'meta.ServerAddressByClientCIDR': {
    d: 'ServerAddressByClientCIDR tells clients in a CIDR which server address to use.',
    p: {
      clientCIDR: ['string', 'CIDR a client address is matched against.'],
      serverAddress: ['string', 'Address (host or host:port) for clients in that CIDR.'],
    },
    req: ['clientCIDR', 'serverAddress'],
  },
  'meta.OwnerReference': {
    d: 'OwnerReference identifies an owning object, which must be in the same namespace or cluster-scoped.',
    mapType: 'atomic',
    p: {
      apiVersion: ['string', 'API version of the owner.'],
      kind: ['string', 'Kind of the owner.'],
      name: ['string', 'Name of the owner.'],
      uid: ['string', 'UID of the owner.'],
      controller: ['boolean', 'If true, the owner is the managing controller of this object (at most one per object).'],
      blockOwnerDeletion: ['boolean', 'If true and the owner uses foreground deletion, the owner is not removed until this reference is gone.'],
    },
    req: ['apiVersion', 'kind', 'name', 'uid'],
  },
  'meta.ManagedFieldsEntry': {
    d: 'ManagedFieldsEntry records the set of fields one manager owns, and how it came to own them.',
    p: {
      manager: ['string', 'Name of the manager (the fieldManager of the request).'],
      operation: ['string', 'Operation that produced this entry: Apply or Update.'],
      apiVersion: ['string', 'API version the field set is expressed in.'],
      time: ['meta.Time', 'Time the entry was last changed.'],
      fieldsType: ['string', 'Format of the field set; only FieldsV1 exists.'],
      fieldsV1: ['meta.FieldsV1', 'The owned fields in FieldsV1 form.'],
      subresource: ['string', 'Subresource the fields were written through, empty for the main resource.'],
    },
  },
  'meta.Condition': {
    d: 'Condition describes one aspect of the current state of an object.',
    p: {
      type: ['string', 'Type of the condition, in CamelCase or as example.com/CamelCase.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      observedGeneration: ['int64', 'metadata.generation the condition was computed from.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase machine-readable reason for the last transition.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
  },
  'meta.LabelSelector': {
    d: 'LabelSelector selects objects by label; matchLabels and matchExpressions are ANDed, and an empty selector matches everything.',
    mapType: 'atomic',
    p: {
      matchLabels: ['{string}', 'Labels an object must have with exactly these values.'],
      matchExpressions: ['meta.LabelSelectorRequirement[]', 'Label requirements an object must all meet.', { list: 'atomic' }],
    },
  },
  'meta.StatusCause': {
    d: 'StatusCause describes one reason a request failed, often tied to one field.',
    p: {
      reason: ['string', 'Machine-readable cause, such as FieldValueRequired or FieldValueInvalid.'],
      message: ['string', 'Human-readable description of the cause.'],
      field: ['string', 'Path of the offending field in JSON form, e.g. spec.containers[0].name; empty when not field-specific.'],
    },
  },
  'meta.GroupVersionForDiscovery': {
    d: 'GroupVersionForDiscovery names one served version of a group.',
    p: {
      groupVersion: ['string', 'The group and version as group/version.'],
      version: ['string', 'The version alone, such as v1.'],
    },
    req: ['groupVersion', 'version'],
  },
  'meta.LabelSelectorRequirement': {
    d: 'LabelSelectorRequirement relates a label key to a set of values with an operator.',
    p: {
      key: ['string', 'Label key the requirement applies to.'],
      operator: ['string', 'Relation of the key to the values: In, NotIn, Exists or DoesNotExist.'],
      values: ['string[]', 'Values for In and NotIn (non-empty); must be empty for Exists and DoesNotExist.', { list: 'atomic' }],
    },
    req: ['key', 'operator'],
  },
  'meta.FieldSelectorRequirement': {
    d: 'FieldSelectorRequirement relates a field path to a set of values with an operator.',
    p: {
      key: ['string', 'Field path the requirement applies to.'],
      operator: ['string', 'Relation of the field to the values: In, NotIn, Exists or DoesNotExist.'],
      values: ['string[]', 'Values for In and NotIn; must be empty for Exists and DoesNotExist.', { list: 'atomic' }],
    },
    req: ['key', 'operator'],
  },
};
