/**
 * EnsureImageExists (kubernetes pkg/kubelet/images/image_manager.go): applies the container's imagePullPolicy
 * (Always / IfNotPresent / Never), pulls through the runtime with per-(pod, image) back-off, and records the
 * `Pulling` / `Pulled` / `Failed` / `BackOff` / `ErrImageNeverPull` / `InspectFailed` events with Kubernetes' wording.
 */
import type { Clock } from '../../machinery/index.js';
import type { Container, Pod } from '../../api/index.js';
import type { Backoff } from '../backoff.js';
import { EventReason, type PodEvents } from '../events.js';
import { applyDefaultImageTag, defaultPullPolicy, InvalidImageNameError } from '../runtime/image-ref.js';
import { isRuntimeError, type ImageService } from '../runtime/service.js';
import type { PodSandboxConfig } from '../runtime/types.js';
import { goDuration } from '../time.js';

export type PullOutcome =
  | { ok: true; imageRef: string }
  | {
      ok: false;
      /** The container's waiting reason: ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName, … */
      reason: string;
      message: string;
      /** When a retry can succeed at the earliest (end of the pull back-off). */
      retryAt?: number;
    };

export interface ImageManagerDeps {
  images: ImageService;
  clock: Clock;
  events: PodEvents;
  /** Pull back-off, 10 s doubling to 300 s in the kubelet. */
  backoff: Backoff;
}

export class ImageManager {
  private readonly prevPullError = new Map<string, string>();

  constructor(private readonly deps: ImageManagerDeps) {}

  async ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): Promise<PullOutcome> {
    const { clock, events, backoff, images } = this.deps;
    const imgRef = container.image ?? '';
    let image: string;
    try {
      image = applyDefaultImageTag(imgRef);
    } catch (err) {
      if (!(err instanceof InvalidImageNameError)) throw err;
      const message = `Failed to apply default image tag "${imgRef}": ${err.message}`;
      events.container(pod, container, 'Warning', EventReason.FailedToInspectImage, message);
      return { ok: false, reason: 'InvalidImageName', message };
    }
    const policy = container.imagePullPolicy ?? defaultPullPolicy(imgRef);
    const spec = { image, annotations: pod.metadata.annotations ?? {} };

    if (policy !== 'Always') {
      const present = await images.imageStatus(spec);
      if (present) {
        events.container(pod, container, 'Normal', EventReason.PulledImage, `Container image "${imgRef}" already present on machine`);
        return { ok: true, imageRef: present.repoDigests[0] ?? present.id };
      }
      if (policy === 'Never') {
        const message = `Container image "${imgRef}" is not present with pull policy of Never`;
        events.container(pod, container, 'Warning', EventReason.ErrImageNeverPullPolicy, message);
        return { ok: false, reason: 'ErrImageNeverPull', message };
      }
    }

    const key = `${pod.metadata.uid ?? ''}_${imgRef}`;
    const now = clock.now();
    if (backoff.isInBackOffSinceUpdate(key, now)) {
      let message = `Back-off pulling image "${imgRef}"`;
      events.container(pod, container, 'Normal', EventReason.BackOffPullImage, message);
      const prev = this.prevPullError.get(key);
      if (prev !== undefined) message = `${message}: ${prev}`;
      const outcome: PullOutcome = { ok: false, reason: 'ImagePullBackOff', message };
      const until = backoff.lastUpdateUntil(key);
      if (until !== undefined) outcome.retryAt = until;
      return outcome;
    }

    events.container(pod, container, 'Normal', EventReason.PullingImage, `Pulling image "${imgRef}"`);
    const start = clock.now();
    let imageRef: string;
    try {
      imageRef = await images.pullImage(spec, { sandboxConfig });
    } catch (err) {
      if (!isRuntimeError(err)) throw err;
      events.container(pod, container, 'Warning', EventReason.FailedToPullImage, `Failed to pull image "${imgRef}": ${err.message}`);
      backoff.next(key, clock.now());
      const failure = err.pullFailure ?? 'ErrImagePull';
      let message = err.message;
      if (failure === 'RegistryUnavailable') {
        message = `image pull failed for ${imgRef} because the registry is unavailable${err.message.replace(/^RegistryUnavailable/, '')}`;
      } else if (failure === 'SignatureValidationFailed') {
        message = `image pull failed for ${imgRef} because the signature validation failed${err.message.replace(/^SignatureValidationFailed/, '')}`;
      }
      this.prevPullError.set(key, `${failure}: ${message}`);
      const outcome: PullOutcome = { ok: false, reason: failure, message };
      const until = backoff.lastUpdateUntil(key);
      if (until !== undefined) outcome.retryAt = until;
      return outcome;
    }
    this.prevPullError.delete(key);
    const took = goDuration(clock.now() - start);
    const size = (await images.imageStatus({ image: imageRef }))?.size ?? 0;
    events.container(
      pod,
      container,
      'Normal',
      EventReason.PulledImage,
      `Successfully pulled image "${imgRef}" in ${took} (${took} including waiting). Image size: ${size} bytes.`,
    );
    return { ok: true, imageRef };
  }

  /** Forgets a pod's pull errors and back-off (when the pod is gone). */
  removePod(uid: string): void {
    for (const k of this.prevPullError.keys()) if (k.startsWith(`${uid}_`)) this.prevPullError.delete(k);
    this.deps.backoff.resetPrefix(`${uid}_`);
  }
}
