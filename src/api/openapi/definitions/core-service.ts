/** core/v1 Service and Endpoints. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const coreServiceDefinitions: CompactTable = {
  'core.Service': {
    d: 'Service exposes a set of pods, chosen by a label selector, under one stable virtual IP and DNS name.',
    gvk: ['', 'v1', 'Service'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.ServiceSpec', 'Desired behavior of the service.'],
      status: ['core.ServiceStatus', 'Most recently observed status of the service; read-only.'],
    },
  },
  'core.Endpoints': {
    d: 'Endpoints lists the addresses and ports that back a service.',
    gvk: ['', 'v1', 'Endpoints'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      subsets: ['core.EndpointSubset[]', 'Groups of addresses sharing the same ports; the endpoints are their union.', { list: 'atomic' }],
    },
  },
  'core.ServiceSpec': {
    d: 'ServiceSpec describes how a service is exposed and which pods back it.',
    p: {
      ports: ['core.ServicePort[]', 'Ports the service exposes.', { list: 'map', keys: ['port', 'protocol'], merge: 'port', strategy: 'merge' }],
      selector: ['{string}', "Labels of the pods that receive the service's traffic; without a selector, endpoints are managed by hand.", { mapType: 'atomic' }],
      clusterIP: ['string', 'Virtual IP of the service, usually allocated by the system; None makes a headless service. Cannot be changed.'],
      clusterIPs: ['string[]', 'Virtual IPs of the service, at most one per IP family; the first equals clusterIP.', { list: 'atomic' }],
      type: ['string', 'How the service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.', { enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] }],
      externalIPs: ['string[]', 'External IP addresses nodes also accept traffic for; not managed by Kubernetes.', { list: 'atomic' }],
      sessionAffinity: ['string', "ClientIP sends a client's connections to the same pod; None (default) does not.", { enum: ['ClientIP', 'None'] }],
      loadBalancerIP: ['string', 'Deprecated: IP requested from the load balancer; support depends on the provider.'],
      loadBalancerSourceRanges: ['string[]', 'Client CIDRs allowed through the cloud load balancer, when supported.', { list: 'atomic' }],
      externalName: ['string', 'DNS name returned as a CNAME for an ExternalName service.'],
      externalTrafficPolicy: ['string', 'How external traffic is routed: Cluster (to any ready endpoint) or Local (node-local endpoints only, keeping the client IP).', { enum: ['Cluster', 'Local'] }],
      healthCheckNodePort: ['int32', 'Node port for load balancer health checks with externalTrafficPolicy Local.'],
      publishNotReadyAddresses: ['boolean', 'Publish endpoints for pods that are not ready, e.g. for peer discovery in StatefulSets.'],
      sessionAffinityConfig: ['core.SessionAffinityConfig', 'Settings of session affinity.'],
      ipFamilies: ['string[]', 'IP families of the service, such as IPv4 or IPv6, in the order of clusterIPs.', { list: 'atomic', enum: ['', 'IPv4', 'IPv6'] }],
      ipFamilyPolicy: ['string', 'Dual-stack choice: SingleStack, PreferDualStack or RequireDualStack.', { enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] }],
      allocateLoadBalancerNodePorts: ['boolean', 'Whether node ports are allocated for a LoadBalancer service; defaults to true.'],
      loadBalancerClass: ['string', 'Load balancer implementation of the service; set once at creation.'],
      internalTrafficPolicy: ['string', 'How cluster-internal traffic is routed: Cluster (default) or Local.', { enum: ['Cluster', 'Local'] }],
      trafficDistribution: ['string', 'Preference for routing traffic to topologically close endpoints, such as PreferClose.'],
    },
  },
  'core.ServiceStatus': {
    d: 'ServiceStatus is the observed state of a service.',
    p: {
      loadBalancer: ['core.LoadBalancerStatus', 'Status of the load balancer, when there is one.'],
      conditions: ['meta.Condition[]', 'Current conditions of the service.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
    },
  },
  'core.EndpointSubset': {
    d: 'EndpointSubset is a set of addresses that share a set of ports.',
    p: {
      addresses: ['core.EndpointAddress[]', 'Addresses that are ready to receive traffic.', { list: 'atomic' }],
      notReadyAddresses: ['core.EndpointAddress[]', 'Addresses that are not ready yet, or failed their readiness check.', { list: 'atomic' }],
      ports: ['core.EndpointPort[]', 'Ports available on all the addresses.', { list: 'atomic' }],
    },
  },
  'core.ServicePort': {
    d: 'ServicePort is one port of a service.',
    p: {
      name: ['string', 'Name of the port; required and unique when the service has more than one port.'],
      protocol: ['string', 'Protocol of the port: TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'], default: 'TCP' }],
      appProtocol: ['string', 'Application protocol of the port, such as http or a prefixed name.'],
      port: ['int32', 'Port number the service exposes.'],
      targetPort: ['intstr.IntOrString', 'Port number or named container port on the pods; defaults to port.'],
      nodePort: ['int32', 'Port on every node for NodePort and LoadBalancer services; allocated when unset.'],
    },
    req: ['port'],
  },
  'core.SessionAffinityConfig': {
    d: 'SessionAffinityConfig holds the settings of session affinity.',
    p: {
      clientIP: ['core.ClientIPConfig', 'Settings of ClientIP affinity.'],
    },
  },
  'core.LoadBalancerStatus': {
    d: 'LoadBalancerStatus lists the ingress points of a load balancer.',
    p: {
      ingress: ['core.LoadBalancerIngress[]', 'Ingress points of the load balancer.', { list: 'atomic' }],
    },
  },
  'core.EndpointAddress': {
    d: 'EndpointAddress is one address of an endpoint.',
    mapType: 'atomic',
    p: {
      ip: ['string', 'IP address of the endpoint.'],
      hostname: ['string', 'Hostname of the endpoint.'],
      nodeName: ['string', 'Node that hosts the endpoint.'],
      targetRef: ['core.ObjectReference', 'Object (usually a pod) that provides the endpoint.'],
    },
    req: ['ip'],
  },
  'core.EndpointPort': {
    d: 'EndpointPort is one port of an endpoint.',
    mapType: 'atomic',
    p: {
      name: ['string', "Name of the port, matching the service port's name."],
      port: ['int32', 'Port number.'],
      protocol: ['string', 'Protocol of the port: TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }],
      appProtocol: ['string', 'Application protocol of the port.'],
    },
    req: ['port'],
  },
  'core.ClientIPConfig': {
    d: 'ClientIPConfig holds the settings of ClientIP session affinity.',
    p: {
      timeoutSeconds: ['int32', 'How long a client sticks to a pod, in seconds; defaults to 10800 (3 hours).'],
    },
  },
  'core.LoadBalancerIngress': {
    d: 'LoadBalancerIngress is one address where the load balancer receives traffic.',
    p: {
      ip: ['string', 'IP address of the ingress point.'],
      hostname: ['string', 'DNS name of the ingress point.'],
      ipMode: ['string', 'How the IP is used: VIP (traffic arrives with the IP as destination) or Proxy.'],
      ports: ['core.PortStatus[]', 'Status of each service port on this ingress point.', { list: 'atomic' }],
    },
  },
  'core.PortStatus': {
    d: 'PortStatus reports a problem with one service port.',
    p: {
      port: ['int32', 'Port number.'],
      protocol: ['string', 'Protocol of the port: TCP, UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }],
      error: ['string', 'Problem with the port, as a CamelCase reason or a domain-prefixed name; empty when fine.'],
    },
    req: ['port', 'protocol'],
  },
};
