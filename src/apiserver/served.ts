/** Constants of what the API server serves: its /version answer and the computed (never stored) review resources. */

/** `/version`: kubectl's dispatcher picks kubectl.1.<minor> from it; `gitVersion` must be present. */
export const DEFAULT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-skiff',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-24T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Create-only resources answered by the authorizer, not stored. */
export const REVIEW_RESOURCES = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
]);
