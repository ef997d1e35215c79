/** Validation of built-in kinds, with Kubernetes' rules, field paths and messages. */
export { UnknownKindError, hasValidation, validateCreate, validateStatusUpdate, validateUpdate } from './dispatch.js';
export { validateDeleteOptions } from './options.js';
export { validateObjectMeta, validateObjectMetaUpdate, validateAnnotations, type MetaRules } from './object-meta.js';
export { validateLabelSelector } from './selectors.js';
export { validatePodSpec, type PodSpecRules } from './pod-spec.js';
export { validatePodTemplateSpec, UPDATABLE_POD_SPEC_FIELDS } from './pod.js';
export { GoRenderedFieldError } from './go-values.js';
