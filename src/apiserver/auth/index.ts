/**
 * Authentication for the API server: the cluster PKI, TLS serving options, and the authenticators (client
 * certificates, static token file, service-account JWTs) combined as kube-apiserver combines them.
 */
export { AuthenticationFailed, AuthSetupError, isAuthenticationFailed, type AuthSetupErrorKind } from './errors.js';
export {
  consumeToken,
  isTlsRequest,
  isWebSocketRequest,
  peerCertificate,
  requestToken,
  WEBSOCKET_TOKEN_PROTOCOL_PREFIX,
  type PeerCertificate,
  type RequestToken,
} from './credentials.js';
export { CsvParseError, readCsv, type CsvRecord } from './csv.js';
export {
  ensurePki,
  kubernetesServiceSans,
  Pki,
  pkiPaths,
  type ClientCertificate,
  type EnsurePkiOptions,
  type PkiPaths,
} from './pki.js';
export { parseCaBundle, x509Authenticator, type X509AuthenticatorOptions } from './x509.js';
export { bearerAuthenticator, parseTokenFile, tokenFileAuthenticator, type TokenAuthenticator, type TokenFileOptions } from './token-file.js';
export {
  DEFAULT_SERVICE_ACCOUNT_ISSUER,
  issueServiceAccountToken,
  serviceAccountUsername,
  type IssuedToken,
  type IssueServiceAccountTokenOptions,
  type KubernetesClaims,
  type ObjectRef,
} from './sa-token.js';
export {
  CREDENTIAL_ID_EXTRA,
  POD_NAME_EXTRA,
  POD_UID_EXTRA,
  serviceAccountTokenAuthenticator,
  type LookedUpObject,
  type ServiceAccountLookup,
  type ServiceAccountTokenAuthenticatorOptions,
} from './sa-authenticator.js';
export { keyIdOf } from './sa-keys.js';
export {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  ANONYMOUS_USERNAME,
  unionAuthenticator,
  userOrAnonymous,
  withAuthenticatedGroup,
  type UnionOptions,
} from './union.js';
export { createTlsApiServer, tlsServerOptions, type NodeHandler, type TlsServerOptionsInput } from './tls.js';
export { kubeconfigFor, type KubeconfigInput } from './kubeconfig.js';
