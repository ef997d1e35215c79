/**
 * The simulated node's image store: pulled images with deterministic ids, digests and sizes, so that the same image
 * name gives the same `sha256:` id on every node (as a registry would).
 */
import { createHash } from 'node:crypto';
import { InvalidImageNameError, parseImageReference } from '../image-ref.js';
import { RuntimeError, type PullFailure } from '../service.js';
import type { Image, ImageSpec } from '../types.js';

export interface SimImage extends Image {
  /** When the pull that brought the image started and ended (absent for preloaded images). */
  pulledFrom?: number;
  pulledAt?: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A deterministic size between 2 MiB and ~190 MiB, so `Pulled` events and node images look plausible. */
function defaultSize(repository: string): number {
  const h = parseInt(sha256(`size:${repository}`).slice(0, 8), 16);
  return 2 * 1024 * 1024 + (h % (188 * 1024 * 1024));
}

export class SimImageStore {
  /** normalized reference (`docker.io/library/nginx:latest`) → image. */
  private readonly byName = new Map<string, SimImage>();
  private readonly byId = new Map<string, SimImage>();

  constructor(private readonly sizes: Readonly<Record<string, number>> = {}) {}

  /** The image an ImageSpec names (by reference, repo digest or id), or undefined. */
  find(spec: ImageSpec): SimImage | undefined {
    const name = spec.image;
    if (name.startsWith('sha256:')) return this.byId.get(name);
    let ref;
    try {
      ref = parseImageReference(name);
    } catch (err) {
      if (err instanceof InvalidImageNameError) return undefined;
      throw err;
    }
    const hit = this.byName.get(ref.normalized);
    if (hit || !ref.digest) return hit;
    for (const img of this.byId.values()) if (img.repoDigests.includes(ref.normalized)) return img;
    return undefined;
  }

  /** Describes the image a pull of `name` would bring; throws RuntimeError InvalidArgument for bad names. */
  resolve(name: string): SimImage {
    let ref;
    try {
      ref = parseImageReference(name);
    } catch (err) {
      if (err instanceof InvalidImageNameError) throw new RuntimeError('InvalidArgument', err.message, { cause: err });
      throw err;
    }
    const id = `sha256:${sha256(`image:${ref.repository}:${ref.tag ?? ref.digest ?? 'latest'}`)}`;
    const digest = ref.digest ?? `sha256:${sha256(`manifest:${ref.normalized}`)}`;
    const size = this.sizes[name] ?? this.sizes[ref.normalized] ?? defaultSize(ref.repository);
    return {
      id,
      repoTags: ref.digest ? [] : [ref.normalized],
      repoDigests: [`${ref.repository}@${digest}`],
      size,
    };
  }

  /** Adds (or refreshes) an image; returns the stored record. */
  put(image: SimImage): SimImage {
    const existing = this.byId.get(image.id);
    const stored: SimImage = existing
      ? {
          ...existing,
          repoTags: [...new Set([...existing.repoTags, ...image.repoTags])],
          repoDigests: [...new Set([...existing.repoDigests, ...image.repoDigests])],
        }
      : image;
    if (image.pulledAt !== undefined) {
      stored.pulledAt = image.pulledAt;
      if (image.pulledFrom !== undefined) stored.pulledFrom = image.pulledFrom;
    }
    this.byId.set(stored.id, stored);
    for (const t of stored.repoTags) this.byName.set(t, stored);
    return stored;
  }

  remove(spec: ImageSpec): void {
    const img = this.find(spec);
    if (!img) return;
    this.byId.delete(img.id);
    for (const t of img.repoTags) this.byName.delete(t);
  }

  list(): SimImage[] {
    return [...this.byId.values()];
  }
}

/** The error a failing pull reports, worded like containerd's. */
export function pullError(failure: PullFailure, image: string): RuntimeError {
  const message =
    failure === 'RegistryUnavailable'
      ? `RegistryUnavailable: failed to resolve reference "${image}": registry unavailable`
      : failure === 'SignatureValidationFailed'
        ? `SignatureValidationFailed: image "${image}" signature could not be validated`
        : `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": ` +
          `failed to resolve reference "${image}": ${image}: not found`;
  return new RuntimeError('Unknown', message, { pullFailure: failure });
}
