/**
 * What the API server needs to answer `GET /openapi/v2`: the document in JSON and protobuf, its ETag, and
 * kube-openapi's content negotiation (JSON, or gnostic protobuf under either of its two media type names).
 */
import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../registry/index.js';
import { openApiV3Json } from '../openapi/index.js';
import { openApiV2Document, type OpenApiV2Options } from './document.js';
import { encodeOpenApiV2Protobuf } from './protobuf.js';
import type { SwaggerDocument } from './types.js';

/** The media type kube-apiserver answers protobuf requests with (for both accepted names). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** The older name of the same media type; what kubectl up to 1.2x asks for. */
export const OPENAPI_V2_PROTOBUF_DEPRECATED = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/** Representations in kube-openapi's order: JSON first, so a wildcard Accept (or none) gets JSON. */
const REPRESENTATIONS = [
  { type: 'application', subtype: 'json', contentType: 'application/json', protobuf: false },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2@v1.0+protobuf', contentType: OPENAPI_V2_PROTOBUF, protobuf: true },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2.v1.0+protobuf', contentType: OPENAPI_V2_PROTOBUF, protobuf: true },
] as const;

interface AcceptClause {
  type: string;
  subtype: string;
  q: number;
}

/** Parses an Accept header like goautoneg: clauses sorted by q (highest first), then exact before wildcard. */
function parseAccept(accept: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    if (!range) continue;
    const slash = range.indexOf('/');
    const type = slash < 0 ? range : range.slice(0, slash);
    const subtype = slash < 0 ? '*' : range.slice(slash + 1);
    let q = 1;
    for (const param of params) {
      const [k, v] = param.split('=').map((s) => s.trim());
      if (k === 'q' && v !== undefined && !Number.isNaN(Number(v))) q = Number(v);
    }
    clauses.push({ type, subtype, q });
  }
  const wildcards = (c: AcceptClause) => (c.type === '*' ? 2 : c.subtype === '*' ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wildcards(a) - wildcards(b));
}

export interface OpenApiV2Representation {
  /** The `Content-Type` to send. */
  contentType: string;
  body: string | Uint8Array;
}

/**
 * The Swagger 2.0 document of one registry. Each form is built on first use and kept: the registry and the model are
 * immutable, so the document, its bytes and its ETag never change for the life of the instance.
 */
export class OpenApiV2 {
  readonly #registry: ResourceRegistry;
  readonly #options: OpenApiV2Options;
  #document: SwaggerDocument | undefined;
  #json: string | undefined;
  #protobuf: Uint8Array | undefined;
  #etag: string | undefined;

  constructor(deps: { registry: ResourceRegistry } & OpenApiV2Options) {
    const { registry, ...options } = deps;
    this.#registry = registry;
    this.#options = options;
  }

  /** The document (shared: treat as read-only). */
  get document(): SwaggerDocument {
    return (this.#document ??= openApiV2Document(this.#registry, this.#options));
  }

  /** The JSON body: compact, object keys sorted (as Go marshals maps). */
  get json(): string {
    return (this.#json ??= openApiV3Json(this.document));
  }

  /** The gnostic `openapi.v2.Document` body. */
  get protobuf(): Uint8Array {
    return (this.#protobuf ??= encodeOpenApiV2Protobuf(this.document));
  }

  /**
   * The upper-case hex SHA-512 of the JSON body, unquoted. kube-apiserver sends it (quoted) as the `Etag` of both
   * forms, relying on `Vary: Accept`.
   */
  get etag(): string {
    return (this.#etag ??= createHash('sha512').update(this.json, 'utf8').digest('hex').toUpperCase());
  }

  /**
   * The representation to answer an `Accept` header with, negotiated like kube-openapi: the highest-q clause that
   * names (or wildcards) JSON or one of the protobuf media types wins; a missing or empty header means any.
   * Undefined when nothing acceptable is served (answer 406 Not Acceptable).
   */
  negotiate(accept: string | undefined): OpenApiV2Representation | undefined {
    for (const clause of parseAccept(accept?.trim() ? accept : '*/*')) {
      if (clause.q <= 0) continue;
      for (const r of REPRESENTATIONS) {
        if ((clause.type === r.type || clause.type === '*') && (clause.subtype === r.subtype || clause.subtype === '*')) {
          return { contentType: r.contentType, body: r.protobuf ? this.protobuf : this.json };
        }
      }
    }
    return undefined;
  }
}
