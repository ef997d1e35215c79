/** Test doubles for skiff's controllers (test code only). */
export { makeHarness, tick, until, type Harness } from './harness.js';
