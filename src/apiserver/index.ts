/** apiserver: the Kubernetes REST API over a Store. */
export { DEFAULT_VERSION } from './served.js';
export { ApiServer, type ApiServerDeps, type Authenticator, type OpenApiProvider } from './server.js';
export { bootstrap, bootstrapRbac, SYSTEM_NAMESPACES } from './bootstrap.js';
export { admissionPluginsFor, authorizersFor, serviceAccountLookupFor } from './security.js';
export { AuditLogger, type AuditLevel } from './audit/index.js';
export { ApiMetrics } from './metrics.js';
export type { Admission, AdmissionAttributes, UserInfo } from './registry/context.js';
export type { FieldManagerHooks } from './registry/field-manager.js';
export type { Authorizer, AuthorizationAttributes, Decision } from './endpoints/reviews.js';
export { makeFieldManager } from './field-manager-impl.js';
export * from './auth/index.js';
export { tokenRequestHandler, type TokenIssuer, type TokenIssueRequest } from './endpoints/token-request.js';
export type { ConnectHandler, EndpointContext } from './endpoints/context.js';
export type { LocalRequest, LocalResponse } from './http/local.js';
