/** conversion: between API shapes that share one storage (core/v1 and events.k8s.io/v1 Events). */
export { coreToEventsV1, eventsV1FieldName, eventsV1ToCore } from './events.js';
