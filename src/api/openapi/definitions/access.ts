/** rbac.authorization.k8s.io, admissionregistration.k8s.io webhooks, authorization.k8s.io reviews. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const accessDefinitions: CompactTable = {
  'rbac.Role': {
    d: 'Role is a namespaced set of permissions, granted by a RoleBinding.',
    gvk: ['rbac.authorization.k8s.io', 'v1', 'Role'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      rules: ['rbac.PolicyRule[]', 'The permissions of the role.', { list: 'atomic' }],
    },
  },
  'rbac.ClusterRole': {
    d: 'ClusterRole is a cluster-wide set of permissions, granted by a RoleBinding or ClusterRoleBinding.',
    gvk: ['rbac.authorization.k8s.io', 'v1', 'ClusterRole'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      rules: ['rbac.PolicyRule[]', 'The permissions of the role; managed by the controller when aggregationRule is set.', { list: 'atomic' }],
      aggregationRule: ['rbac.AggregationRule', 'Selects other ClusterRoles whose rules are combined into this one.'],
    },
  },
  'rbac.RoleBinding': {
    d: 'RoleBinding grants the permissions of a Role or ClusterRole to subjects within a namespace.',
    gvk: ['rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      subjects: ['rbac.Subject[]', 'Users, groups and service accounts granted the role.', { list: 'atomic' }],
      roleRef: ['rbac.RoleRef', 'The Role or ClusterRole granted; cannot be changed.'],
    },
    req: ['roleRef'],
  },
  'rbac.ClusterRoleBinding': {
    d: 'ClusterRoleBinding grants the permissions of a ClusterRole to subjects cluster-wide.',
    gvk: ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      subjects: ['rbac.Subject[]', 'Users, groups and service accounts granted the role.', { list: 'atomic' }],
      roleRef: ['rbac.RoleRef', 'The ClusterRole granted; cannot be changed.'],
    },
    req: ['roleRef'],
  },
  'admissionregistration.ValidatingWebhookConfiguration': {
    d: 'ValidatingWebhookConfiguration registers webhooks that accept or reject requests without changing objects.',
    gvk: ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      webhooks: ['admissionregistration.ValidatingWebhook[]', 'The webhooks and the requests they apply to.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
    },
  },
  'admissionregistration.MutatingWebhookConfiguration': {
    d: 'MutatingWebhookConfiguration registers webhooks that may change objects before they are stored, or reject them.',
    gvk: ['admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      webhooks: ['admissionregistration.MutatingWebhook[]', 'The webhooks and the requests they apply to.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
    },
  },
  'authorization.SelfSubjectAccessReview': {
    d: 'SelfSubjectAccessReview asks whether the requesting user may perform an action.',
    gvk: ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['authorization.SelfSubjectAccessReviewSpec', 'The action to check.'],
      status: ['authorization.SubjectAccessReviewStatus', 'The answer; filled in by the server.'],
    },
    req: ['spec'],
  },
  'authorization.SubjectAccessReview': {
    d: 'SubjectAccessReview asks whether a given user or group may perform an action.',
    gvk: ['authorization.k8s.io', 'v1', 'SubjectAccessReview'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['authorization.SubjectAccessReviewSpec', 'The action and the user to check.'],
      status: ['authorization.SubjectAccessReviewStatus', 'The answer; filled in by the server.'],
    },
    req: ['spec'],
  },
  'authorization.SelfSubjectRulesReview': {
    d: 'SelfSubjectRulesReview lists what the requesting user may do in a namespace.',
    gvk: ['authorization.k8s.io', 'v1', 'SelfSubjectRulesReview'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['authorization.SelfSubjectRulesReviewSpec', 'The namespace to evaluate.'],
      status: ['authorization.SubjectRulesReviewStatus', 'The rules; filled in by the server.'],
    },
    req: ['spec'],
  },
  'rbac.PolicyRule': {
    d: 'PolicyRule grants verbs on resources or non-resource URLs.',
    p: {
      verbs: ['string[]', 'Verbs allowed, such as get, list or create; * means all.', { list: 'atomic' }],
      apiGroups: ['string[]', 'API groups of the resources; "" is the core group and * means all.', { list: 'atomic' }],
      resources: ['string[]', 'Resources the rule applies to, such as pods or deployments/scale; * means all.', { list: 'atomic' }],
      resourceNames: ['string[]', 'Names of the objects the rule is limited to; empty means all.', { list: 'atomic' }],
      nonResourceURLs: ['string[]', 'URL paths such as /healthz the rule applies to; only in ClusterRoles.', { list: 'atomic' }],
    },
    req: ['verbs'],
  },
  'rbac.AggregationRule': {
    d: 'AggregationRule selects the ClusterRoles aggregated into another.',
    p: {
      clusterRoleSelectors: ['meta.LabelSelector[]', 'Label selectors over ClusterRoles; the rules of every match are aggregated.', { list: 'atomic' }],
    },
  },
  'rbac.Subject': {
    d: 'Subject is a user, group or service account a binding applies to.',
    mapType: 'atomic',
    p: {
      kind: ['string', 'Kind of subject: User, Group or ServiceAccount.'],
      apiGroup: ['string', 'API group of the subject: rbac.authorization.k8s.io for users and groups, "" for service accounts.'],
      name: ['string', 'Name of the subject.'],
      namespace: ['string', 'Namespace of a service account subject.'],
    },
    req: ['kind', 'name'],
  },
  'rbac.RoleRef': {
    d: 'RoleRef names the role a binding grants.',
    mapType: 'atomic',
    p: {
      apiGroup: ['string', 'API group of the role, rbac.authorization.k8s.io.'],
      kind: ['string', 'Role or ClusterRole.'],
      name: ['string', 'Name of the role.'],
    },
    req: ['apiGroup', 'kind', 'name'],
  },
  'admissionregistration.ValidatingWebhook': {
    d: 'ValidatingWebhook describes one admission webhook and the requests it applies to.',
    p: {
      name: ['string', 'Fully qualified name of the webhook, such as imagepolicy.example.com.'],
      clientConfig: ['admissionregistration.WebhookClientConfig', 'How to reach the webhook.'],
      rules: ['admissionregistration.RuleWithOperations[]', 'Operations and resources the webhook applies to.', { list: 'atomic' }],
      failurePolicy: ['string', 'What to do when calling the webhook fails: Ignore or Fail (default).', { enum: ['Fail', 'Ignore'] }],
      matchPolicy: ['string', 'How rules match requests for equivalent resources: Exact or Equivalent (default).', { enum: ['Equivalent', 'Exact'] }],
      namespaceSelector: ['meta.LabelSelector', 'Runs the webhook only for objects in namespaces with matching labels; empty matches all.'],
      objectSelector: ['meta.LabelSelector', 'Runs the webhook only for objects with matching labels; empty matches all.'],
      sideEffects: ['string', 'Whether calling the webhook has side effects: None or NoneOnDryRun.', { enum: ['None', 'NoneOnDryRun', 'Some', 'Unknown'] }],
      timeoutSeconds: ['int32', 'Seconds to wait for the webhook, 1-30; defaults to 10.'],
      admissionReviewVersions: ['string[]', 'AdmissionReview versions the webhook accepts, in order of preference.', { list: 'atomic' }],
      matchConditions: ['admissionregistration.MatchCondition[]', 'CEL conditions that must all be true for the webhook to be called.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
    },
    req: ['name', 'clientConfig', 'sideEffects', 'admissionReviewVersions'],
  },
  'admissionregistration.MutatingWebhook': {
    d: 'MutatingWebhook describes one mutating admission webhook and the requests it applies to.',
    p: {
      name: ['string', 'Fully qualified name of the webhook, such as imagepolicy.example.com.'],
      clientConfig: ['admissionregistration.WebhookClientConfig', 'How to reach the webhook.'],
      rules: ['admissionregistration.RuleWithOperations[]', 'Operations and resources the webhook applies to.', { list: 'atomic' }],
      failurePolicy: ['string', 'What to do when calling the webhook fails: Ignore or Fail (default).', { enum: ['Fail', 'Ignore'] }],
      matchPolicy: ['string', 'How rules match requests for equivalent resources: Exact or Equivalent (default).', { enum: ['Equivalent', 'Exact'] }],
      namespaceSelector: ['meta.LabelSelector', 'Runs the webhook only for objects in namespaces with matching labels; empty matches all.'],
      objectSelector: ['meta.LabelSelector', 'Runs the webhook only for objects with matching labels; empty matches all.'],
      sideEffects: ['string', 'Whether calling the webhook has side effects: None or NoneOnDryRun.', { enum: ['None', 'NoneOnDryRun', 'Some', 'Unknown'] }],
      timeoutSeconds: ['int32', 'Seconds to wait for the webhook, 1-30; defaults to 10.'],
      admissionReviewVersions: ['string[]', 'AdmissionReview versions the webhook accepts, in order of preference.', { list: 'atomic' }],
      reinvocationPolicy: ['string', 'Whether the webhook is called again when later plugins change the object: Never (default) or IfNeeded.', { enum: ['IfNeeded', 'Never'] }],
      matchConditions: ['admissionregistration.MatchCondition[]', 'CEL conditions that must all be true for the webhook to be called.', { list: 'map', keys: ['name'], merge: 'name', strategy: 'merge' }],
    },
    req: ['name', 'clientConfig', 'sideEffects', 'admissionReviewVersions'],
  },
  'authorization.SelfSubjectAccessReviewSpec': {
    d: 'SelfSubjectAccessReviewSpec describes the action to check; exactly one of its fields is set.',
    p: {
      resourceAttributes: ['authorization.ResourceAttributes', 'A request on a resource.'],
      nonResourceAttributes: ['authorization.NonResourceAttributes', 'A request on a non-resource URL.'],
    },
  },
  'authorization.SubjectAccessReviewStatus': {
    d: 'SubjectAccessReviewStatus is the answer to an access review.',
    p: {
      allowed: ['boolean', 'Whether the action is allowed.'],
      denied: ['boolean', 'Whether the action is explicitly denied; both allowed and denied false means no opinion.'],
      reason: ['string', 'Why the action is allowed or denied.'],
      evaluationError: ['string', 'Error that occurred while checking; the answer may still be set.'],
    },
    req: ['allowed'],
  },
  'authorization.SubjectAccessReviewSpec': {
    d: 'SubjectAccessReviewSpec describes an action and the user to check it for.',
    p: {
      resourceAttributes: ['authorization.ResourceAttributes', 'A request on a resource.'],
      nonResourceAttributes: ['authorization.NonResourceAttributes', 'A request on a non-resource URL.'],
      user: ['string', 'User to check for.'],
      groups: ['string[]', 'Groups to check for.', { list: 'atomic' }],
      extra: ['{string[]}', 'Extra attributes of the user, as the authenticator provides them.'],
      uid: ['string', 'UID of the user.'],
    },
  },
  'authorization.SelfSubjectRulesReviewSpec': {
    d: 'SelfSubjectRulesReviewSpec names the namespace to evaluate.',
    p: {
      namespace: ['string', 'Namespace whose rules are listed.'],
    },
  },
  'authorization.SubjectRulesReviewStatus': {
    d: 'SubjectRulesReviewStatus lists the actions a user may perform.',
    p: {
      resourceRules: ['authorization.ResourceRule[]', 'Actions allowed on resources.', { list: 'atomic' }],
      nonResourceRules: ['authorization.NonResourceRule[]', 'Actions allowed on non-resource URLs.', { list: 'atomic' }],
      incomplete: ['boolean', 'Whether the list may be missing rules, for authorizers that cannot enumerate them.'],
      evaluationError: ['string', 'Error that occurred while listing the rules.'],
    },
    req: ['resourceRules', 'nonResourceRules', 'incomplete'],
  },
  'admissionregistration.WebhookClientConfig': {
    d: 'WebhookClientConfig says how to connect to a webhook over TLS; exactly one of url and service is set.',
    p: {
      url: ['string', 'Location of the webhook as https://host:port/path.'],
      service: ['admissionregistration.ServiceReference', 'In-cluster service of the webhook.'],
      caBundle: ['byte', "PEM bundle of CAs that validate the webhook's serving certificate; defaults to the API server's trust roots."],
    },
  },
  'admissionregistration.RuleWithOperations': {
    d: 'RuleWithOperations matches operations on resources.',
    p: {
      operations: ['string[]', 'Operations matched: CREATE, UPDATE, DELETE, CONNECT or *.', { list: 'atomic', enum: ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'] }],
      apiGroups: ['string[]', 'API groups of the resources; * means all.', { list: 'atomic' }],
      apiVersions: ['string[]', 'API versions of the resources; * means all.', { list: 'atomic' }],
      resources: ['string[]', 'Resources matched, such as pods, pods/status or *.', { list: 'atomic' }],
      scope: ['string', 'Scope matched: Cluster, Namespaced or * (default).', { enum: ['*', 'Cluster', 'Namespaced'] }],
    },
  },
  'admissionregistration.MatchCondition': {
    d: 'MatchCondition is a CEL expression that must be true for a webhook to be called.',
    p: {
      name: ['string', 'Identifier of the condition, unique within the webhook.'],
      expression: ['string', 'CEL expression over the request, object and oldObject; must evaluate to a bool.'],
    },
    req: ['name', 'expression'],
  },
  'authorization.ResourceAttributes': {
    d: 'ResourceAttributes describes a request on a resource.',
    p: {
      namespace: ['string', 'Namespace of the request; empty means all namespaces for list and watch.'],
      verb: ['string', 'Verb of the request, such as get, list or create; * means all.'],
      group: ['string', 'API group of the resource; * means all.'],
      version: ['string', 'API version of the resource; * means all.'],
      resource: ['string', 'Resource of the request; * means all.'],
      subresource: ['string', 'Subresource of the request; empty for none.'],
      name: ['string', 'Name of the object; empty means all.'],
      fieldSelector: ['authorization.FieldSelectorAttributes', 'Field selector the request is limited to.'],
      labelSelector: ['authorization.LabelSelectorAttributes', 'Label selector the request is limited to.'],
    },
  },
  'authorization.NonResourceAttributes': {
    d: 'NonResourceAttributes describes a request on a non-resource URL.',
    p: {
      path: ['string', 'URL path of the request.'],
      verb: ['string', 'HTTP verb of the request.'],
    },
  },
  'authorization.ResourceRule': {
    d: 'ResourceRule is a set of verbs allowed on resources.',
    p: {
      verbs: ['string[]', 'Verbs allowed; * means all.', { list: 'atomic' }],
      apiGroups: ['string[]', 'API groups of the resources; * means all.', { list: 'atomic' }],
      resources: ['string[]', 'Resources allowed; * means all.', { list: 'atomic' }],
      resourceNames: ['string[]', 'Names of the objects allowed; empty means all.', { list: 'atomic' }],
    },
    req: ['verbs'],
  },
  'authorization.NonResourceRule': {
    d: 'NonResourceRule is a set of verbs allowed on non-resource URLs.',
    p: {
      verbs: ['string[]', 'Verbs allowed; * means all.', { list: 'atomic' }],
      nonResourceURLs: ['string[]', 'URL paths allowed; a trailing * matches a prefix.', { list: 'atomic' }],
    },
    req: ['verbs'],
  },
  'admissionregistration.ServiceReference': {
    d: 'ServiceReference names the service of a webhook.',
    p: {
      namespace: ['string', 'Namespace of the service.'],
      name: ['string', 'Name of the service.'],
      path: ['string', 'URL path sent in requests to the service.'],
      port: ['int32', 'Port of the service; defaults to 443.'],
    },
    req: ['namespace', 'name'],
  },
  'authorization.FieldSelectorAttributes': {
    d: 'FieldSelectorAttributes describes a field selector a request is limited to.',
    p: {
      rawSelector: ['string', 'The selector as it would appear in a query string.'],
      requirements: ['meta.FieldSelectorRequirement[]', 'The parsed selector.', { list: 'atomic' }],
    },
  },
  'authorization.LabelSelectorAttributes': {
    d: 'LabelSelectorAttributes describes a label selector a request is limited to.',
    p: {
      rawSelector: ['string', 'The selector as it would appear in a query string.'],
      requirements: ['meta.LabelSelectorRequirement[]', 'The parsed selector.', { list: 'atomic' }],
    },
  },
};
