/** Construction options of SimRuntime. */
import type { Clock } from '../../../machinery/index.js';

export interface SimLatencies {
  runPodSandboxMs?: number;
  stopPodSandboxMs?: number;
  /** A fixed time for every pull, or one per image reference as written in the pod spec. */
  pullImageMs?: number | ((image: string) => number);
  createContainerMs?: number;
  startContainerMs?: number;
  /** Added after the process has exited, before StopContainer returns. */
  stopContainerMs?: number;
}

/**
 * Latencies of containerd 1.6 + runc measured on a 2-core VM (shared notes, machine-facts.md); the pull time is a
 * typical small image from a nearby registry (no registry was reachable to measure it).
 */
export const MEASURED_LATENCIES: Readonly<SimLatencies> = {
  runPodSandboxMs: 180,
  stopPodSandboxMs: 70,
  pullImageMs: 1200,
  createContainerMs: 50,
  startContainerMs: 85,
  stopContainerMs: 100,
};

export interface SimRuntimeOptions {
  clock: Clock;
  nodeName: string;
  /**
   * The node's podCIDR, e.g. `10.244.1.0/24`. Absent until node IPAM assigns one: the kubelet then passes it in
   * through `updateRuntimeConfig` (CRI's UpdateRuntimeConfig), and sandboxes fail until it has.
   */
  podCIDR?: string;
  /** Default: all zero. */
  latencies?: SimLatencies;
  /** Present from the start. Default: the pause image. */
  preloadedImages?: string[];
  /** Image sizes in bytes by reference (as written or normalised); others get a deterministic pseudo-size. */
  imageSizes?: Record<string, number>;
  /** Log lines kept per container. Default 1000. */
  logCapacity?: number;
}

export const SIM_RUNTIME_NAME = 'sim';
export const SIM_RUNTIME_VERSION = '0.1.0';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
