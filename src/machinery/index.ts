/** machinery: pure building blocks shared by every skiff component. No I/O. */
export * from './errors.js';
export * from './field-errors.js';
export * from './clock.js';
export * from './object-key.js';
export * from './deep-equal.js';
export * from './deep-freeze.js';
export * from './patch/index.js';
export * from './labels.js';
export * from './label-parser.js';
export * from './fields.js';
export * from './quantity.js';
export * from './names.js';
export * from './uid.js';
export * from './apply/index.js';
