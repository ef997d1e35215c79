/** machinery: pure building blocks shared by every skiff component. No I/O. */
export * from './errors.js';
export * from './field-errors.js';
export * from './clock.js';
export * from './object-key.js';
