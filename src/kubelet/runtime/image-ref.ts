/**
 * Image references as the kubelet and containerd read them: `nginx` is `docker.io/library/nginx:latest`.
 * (kubernetes pkg/util/parsers, github.com/distribution/reference normalisation.)
 */
import type { PullPolicy } from '../../api/index.js';

export interface ImageReference {
  /** `docker.io/library/nginx`. */
  repository: string;
  /** Absent when the reference names a digest only, or no tag at all. */
  tag?: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
  /** `repository:tag` (the tag defaulting to latest), or `repository@digest`. */
  normalized: string;
}

const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export class InvalidImageNameError extends Error {
  override readonly name = 'InvalidImageNameError';
  constructor(readonly image: string) {
    super(`couldn't parse image name "${image}": invalid reference format`);
  }
}

/** Parses and normalises an image reference; throws InvalidImageNameError for malformed ones. */
export function parseImageReference(image: string): ImageReference {
  const m = REFERENCE.exec(image);
  if (!m || image.length > 255) throw new InvalidImageNameError(image);
  let domain = m[1];
  let path = m[2]!;
  // A first component without '.', ':' or "localhost" is a path component, not a registry (docker.io default).
  if (domain !== undefined && !domain.includes('.') && !domain.includes(':') && domain !== 'localhost') {
    if (domain !== domain.toLowerCase()) throw new InvalidImageNameError(image);
    path = `${domain}/${path}`;
    domain = undefined;
  }
  if (domain === undefined || domain === 'index.docker.io') {
    domain = 'docker.io';
    if (!path.includes('/')) path = `library/${path}`;
  }
  const repository = `${domain}/${path}`;
  const tag = m[3];
  const digest = m[4];
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${tag ?? 'latest'}`;
  const ref: ImageReference = { repository, normalized };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** applyDefaultImageTag: `nginx` → `nginx:latest`; references with a tag or digest are returned unchanged. */
export function applyDefaultImageTag(image: string): string {
  const ref = parseImageReference(image);
  return ref.tag === undefined && ref.digest === undefined ? `${image}:latest` : image;
}

/** The API server's default pull policy: Always for `:latest` or untagged images, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): PullPolicy {
  try {
    const ref = parseImageReference(image);
    if (ref.digest !== undefined) return 'IfNotPresent';
    return ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
  } catch (err) {
    if (err instanceof InvalidImageNameError) return 'IfNotPresent';
    throw err;
  }
}
