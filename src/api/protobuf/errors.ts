/**
 * The one error type of the protobuf codec. It is an ApiError (400 BadRequest), so the API server can answer it as is:
 * a request body that is not valid Kubernetes protobuf is the client's fault, exactly as in the Go API server where a
 * decode failure becomes `errors.NewBadRequest(err.Error())`.
 */
import { ApiError } from '../../machinery/index.js';

export class ProtobufDecodeError extends ApiError {
  /** Byte offset (in the buffer being read) where decoding failed; -1 when not tied to a position. */
  readonly offset: number;

  constructor(message: string, offset = -1) {
    super(400, 'BadRequest', offset >= 0 ? `protobuf: ${message} (at byte ${offset})` : `protobuf: ${message}`);
    this.offset = offset;
  }
}

export function isProtobufDecodeError(err: unknown): err is ProtobufDecodeError {
  return err instanceof ProtobufDecodeError;
}

/**
 * Raised by the encoder when an object does not fit its schema (a string where a number belongs, an unparsable
 * timestamp, an unknown kind). This is a server-side bug or an invalid stored object, never a client error.
 */
export class ProtobufEncodeError extends Error {
  override readonly name = 'ProtobufEncodeError';
  /** JSON path of the offending value, e.g. `spec.template.spec.containers[0].ports[0].containerPort`. */
  readonly path: string;

  constructor(message: string, path: string) {
    super(path ? `protobuf encode: ${path}: ${message}` : `protobuf encode: ${message}`);
    this.path = path;
  }
}
