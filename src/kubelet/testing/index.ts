/** Test doubles and fixtures for the kubelet (usable from other folders' tests via ../kubelet/testing/index.js). */
export * from './fakes.js';
export { startSimKubelet, type SimHarness } from './sim-harness.js';
