/** policy/v1 Eviction, authentication.k8s.io TokenRequest, discovery.k8s.io, coordination.k8s.io, events.k8s.io. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const groupsDefinitions: CompactTable = {
  'policy.Eviction': {
    d: 'Eviction asks for a pod to be deleted while respecting PodDisruptionBudgets; POST it to pods/eviction.',
    gvk: ['policy', 'v1', 'Eviction'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      deleteOptions: ['meta.DeleteOptions', 'Options for the deletion of the pod.'],
    },
  },
  'authentication.TokenRequest': {
    d: 'TokenRequest asks for a token of a service account; POST it to serviceaccounts/token.',
    gvk: ['authentication.k8s.io', 'v1', 'TokenRequest'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['authentication.TokenRequestSpec', 'Parameters of the requested token.'],
      status: ['authentication.TokenRequestStatus', 'The issued token; filled in by the server.'],
    },
    req: ['spec'],
  },
  'discovery.EndpointSlice': {
    d: 'EndpointSlice lists a subset of the endpoints of a service; the kubernetes.io/service-name label names the service.',
    gvk: ['discovery.k8s.io', 'v1', 'EndpointSlice'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      addressType: ['string', 'Type of the addresses: IPv4, IPv6 or FQDN; cannot be changed.'],
      endpoints: ['discovery.Endpoint[]', 'The endpoints in this slice, at most 1000.', { list: 'atomic' }],
      ports: ['discovery.EndpointPort[]', 'Ports of every endpoint in the slice; an empty list means none are exposed.', { list: 'atomic' }],
    },
    req: ['addressType', 'endpoints'],
  },
  'coordination.Lease': {
    d: 'Lease is a lock with a holder and an expiry, used for leader election and node heartbeats.',
    gvk: ['coordination.k8s.io', 'v1', 'Lease'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['coordination.LeaseSpec', 'Holder and timing of the lease.'],
    },
  },
  'events.Event': {
    d: 'Event (events.k8s.io) reports something that happened to an object in the cluster.',
    gvk: ['events.k8s.io', 'v1', 'Event'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      eventTime: ['meta.MicroTime', 'Time the event was first observed; required.'],
      series: ['events.EventSeries', 'Data about the series this event belongs to, when it recurs.'],
      reportingController: ['string', 'Name of the controller that emitted the event, e.g. kubernetes.io/kubelet.'],
      reportingInstance: ['string', 'ID of the controller instance that emitted the event.'],
      action: ['string', 'What action was taken or failed on the regarding object.'],
      reason: ['string', 'Short CamelCase reason for the event.'],
      regarding: ['core.ObjectReference', 'The object the event is about.'],
      related: ['core.ObjectReference', 'A secondary object involved in the event.'],
      note: ['string', 'Human-readable description of what happened.'],
      type: ['string', 'Type of the event: Normal or Warning.'],
      deprecatedSource: ['core.EventSource', 'Legacy source, kept for compatibility with core/v1 Event.'],
      deprecatedFirstTimestamp: ['meta.Time', 'Legacy first-seen time, kept for compatibility with core/v1 Event.'],
      deprecatedLastTimestamp: ['meta.Time', 'Legacy last-seen time, kept for compatibility with core/v1 Event.'],
      deprecatedCount: ['int32', 'Legacy occurrence count, kept for compatibility with core/v1 Event.'],
    },
    req: ['eventTime'],
  },
  'authentication.TokenRequestSpec': {
    d: 'TokenRequestSpec holds the parameters of a token request.',
    p: {
      audiences: ['string[]', "Audiences the token is meant for; defaults to the API server's.", { list: 'atomic' }],
      expirationSeconds: ['int64', 'Requested lifetime in seconds; the server may shorten it.'],
      boundObjectRef: ['authentication.BoundObjectReference', 'Object the token is bound to; the token stops working when it is deleted.'],
    },
    req: ['audiences'],
  },
  'authentication.TokenRequestStatus': {
    d: 'TokenRequestStatus is the issued token.',
    p: {
      token: ['string', 'The bearer token.'],
      expirationTimestamp: ['meta.Time', 'Time the token expires.'],
    },
    req: ['token', 'expirationTimestamp'],
  },
  'discovery.Endpoint': {
    d: 'Endpoint is one backend of a service.',
    p: {
      addresses: ['string[]', 'Addresses of the endpoint, interpreted by addressType; consumers use the first.', { list: 'set' }],
      conditions: ['discovery.EndpointConditions', 'Current readiness of the endpoint.'],
      hostname: ['string', 'Hostname of the endpoint, a DNS label.'],
      targetRef: ['core.ObjectReference', 'Object (usually a pod) that provides the endpoint.'],
      deprecatedTopology: ['{string}', 'Deprecated topology labels from v1beta1; ignored.'],
      nodeName: ['string', 'Node hosting the endpoint.'],
      zone: ['string', 'Zone the endpoint is in.'],
      hints: ['discovery.EndpointHints', 'Hints for topology-aware routing.'],
    },
    req: ['addresses'],
  },
  'discovery.EndpointPort': {
    d: 'EndpointPort is one port of the endpoints in a slice.',
    mapType: 'atomic',
    p: {
      name: ['string', "Name of the port, matching the service port's name; may be empty with a single port."],
      protocol: ['string', 'Protocol of the port: TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }],
      port: ['int32', 'Port number; unset means all ports.'],
      appProtocol: ['string', 'Application protocol of the port.'],
    },
  },
  'coordination.LeaseSpec': {
    d: 'LeaseSpec holds the current holder of a lease and its timing.',
    p: {
      holderIdentity: ['string', 'Identity of the current holder.'],
      leaseDurationSeconds: ['int32', 'Seconds a candidate must wait after renewTime before it may take the lease.'],
      acquireTime: ['meta.MicroTime', 'Time the current holder acquired the lease.'],
      renewTime: ['meta.MicroTime', 'Time the current holder last renewed the lease.'],
      leaseTransitions: ['int32', 'Number of times the lease changed holder.'],
      strategy: ['string', 'Strategy for picking the leader in coordinated leader election.'],
      preferredHolder: ['string', 'A better holder the current one should hand the lease to.'],
    },
  },
  'events.EventSeries': {
    d: 'EventSeries describes a recurring event.',
    p: {
      count: ['int32', 'Number of occurrences up to the last heartbeat.'],
      lastObservedTime: ['meta.MicroTime', 'Time of the last occurrence seen before the last heartbeat.'],
    },
    req: ['count', 'lastObservedTime'],
  },
  'authentication.BoundObjectReference': {
    d: 'BoundObjectReference names the object a token is bound to.',
    p: {
      kind: ['string', 'Kind of the object: Pod, Secret or Node.'],
      apiVersion: ['string', 'API version of the object.'],
      name: ['string', 'Name of the object.'],
      uid: ['string', 'UID of the object.'],
    },
  },
  'discovery.EndpointConditions': {
    d: 'EndpointConditions describes the readiness of an endpoint.',
    p: {
      ready: ['boolean', 'Whether the endpoint can receive new connections; unknown state counts as ready.'],
      serving: ['boolean', 'Like ready, but also set while the endpoint terminates.'],
      terminating: ['boolean', 'Whether the endpoint is terminating.'],
    },
  },
  'discovery.EndpointHints': {
    d: 'EndpointHints says how an endpoint should be consumed.',
    p: {
      forZones: ['discovery.ForZone[]', 'Zones that should consume this endpoint.', { list: 'atomic' }],
    },
  },
  'discovery.ForZone': {
    d: 'ForZone names a zone that should consume an endpoint.',
    p: {
      name: ['string', 'Name of the zone.'],
    },
    req: ['name'],
  },
};
