/** Kubernetes protobuf codec (application/vnd.kubernetes.protobuf) for the built-in kinds kubectl sends as protobuf. */
export { decodeK8sProtobuf, encodeK8sProtobuf, PROTOBUF_MEDIA_TYPE, type DecodedK8sProtobuf } from './envelope.js';
export { ProtobufDecodeError, ProtobufEncodeError, isProtobufDecodeError } from './errors.js';
export { protobufKinds } from './kinds.js';
