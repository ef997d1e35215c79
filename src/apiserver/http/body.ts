/**
 * Reading request bodies: bounded in size (413 past the limit), decoded by Content-Type (JSON, YAML, Kubernetes
 * protobuf), malformed input → 400 BadRequest, unknown types → 415.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ProtobufDecodeError, decodeK8sProtobuf } from '../../api/index.js';
import { badRequest, requestEntityTooLarge, unsupportedMediaType } from '../../machinery/index.js';
import { LOCAL_BODY } from './local.js';

/** Kubernetes' default request body limit (3 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    req.resume();
    throw requestEntityTooLarge(`limit is ${maxBytes}`);
  }
  // An in-process request hands its body over as is (its size was declared above).
  const local = (req as IncomingMessage & { [LOCAL_BODY]?: Buffer })[LOCAL_BODY];
  if (local) return local;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw requestEntityTooLarge(`limit is ${maxBytes}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf';

/** Decodes an object body. Objects must be JSON objects (not arrays or scalars). */
export function decodeObjectBody(buf: Buffer, contentType: string | undefined): { value: Record<string, unknown>; format: BodyFormat } {
  const mt = mediaType(contentType);
  if (mt === 'application/vnd.kubernetes.protobuf') {
    try {
      return { value: decodeK8sProtobuf(buf).object as Record<string, unknown>, format: 'protobuf' };
    } catch (err) {
      if (err instanceof ProtobufDecodeError) throw badRequest(`failed to decode protobuf body: ${err.message}`);
      throw err;
    }
  }
  if (mt === 'application/json' || mt === '' || mt === 'application/yaml' || mt === 'text/yaml') {
    const value = mt.includes('yaml') ? parseYamlBody(buf) : parseJsonBody(buf);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badRequest(`the body of the request must be a JSON object, got ${Array.isArray(value) ? 'array' : typeof value}`);
    }
    return { value: value as Record<string, unknown>, format: mt.includes('yaml') ? 'yaml' : 'json' };
  }
  throw unsupportedMediaType(contentType ?? '');
}

export function parseJsonBody(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseYamlBody(buf: Buffer): unknown {
  try {
    return parseYaml(buf.toString('utf8'), { strict: true, uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
  }
}
