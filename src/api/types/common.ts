/** Small value types shared by the built-in kinds. */

/** intstr.IntOrString on the wire: `80` or `"http"` / `"25%"`. */
export type IntOrString = number | string;

/** resource.Quantity on the wire: `"500m"`, `"1Gi"`; clients may also send a bare number. */
export type QuantityValue = string | number;

/** core/v1 ResourceList: resource name → quantity. */
export type ResourceList = Record<string, QuantityValue>;

/** metav1.Time / MicroTime as RFC 3339 text. */
export type Time = string;

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** core/v1 ObjectReference. */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 LocalObjectReference. */
export interface LocalObjectReference {
  name?: string;
}

/** metav1.Condition (used by newer APIs). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: Time;
  reason: string;
  message: string;
}
