/**
 * The /openapi/v3 discovery index, content hashes, and a cache of serialized documents for the API server.
 *
 * Hashes follow kube-openapi: the upper-case hex SHA-512 of the exact bytes served, so a client that cached a
 * document under `?hash=H` can keep it as long as the index still says H.
 */
import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../registry/index.js';
import { DEFAULT_INFO_VERSION, buildDocument, openApiV3Paths } from './document.js';
import type { OpenApiDocument } from './parameters.js';
import { OpenApiError, deepFreeze, type DefinitionTable } from './schema.js';
import { servedDefinitions } from './served.js';

/** `GET /openapi/v3`: document path → its URL, relative to the server, with the content hash. */
export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/**
 * The bytes to serve for a document: compact JSON with every object's keys in sorted order, as Go marshals maps.
 * Deterministic: equal documents serialize identically whatever order their keys were built in.
 */
export function openApiV3Json(doc: unknown): string {
  return JSON.stringify(canonical(doc));
}

/** The content hash of a document: SHA-512 of openApiV3Json(doc), upper-case hex (128 characters). */
export function openApiV3Hash(doc: unknown): string {
  return createHash('sha512').update(openApiV3Json(doc), 'utf8').digest('hex').toUpperCase();
}

/** The relative URL of a document in the index: `/openapi/v3/apis/apps/v1?hash=<H>`. */
export function serverRelativeURL(path: string, hash: string): string {
  return `/openapi/v3/${path}?hash=${hash}`;
}

/** The `/openapi/v3` index for `registry`; `hashOf(path)` supplies each document's current hash. */
export function openApiV3Index(registry: ResourceRegistry, hashOf: (path: string) => string): OpenApiV3Index {
  const paths: OpenApiV3Index['paths'] = {};
  for (const path of openApiV3Paths(registry)) paths[path] = { serverRelativeURL: serverRelativeURL(path, hashOf(path)) };
  return { paths };
}

export interface ServedDocument {
  readonly path: string;
  readonly document: OpenApiDocument;
  /** The exact body to send (openApiV3Json(document)). */
  readonly json: string;
  /** openApiV3Hash(document); also the ETag (quoted) kube-apiserver sends. */
  readonly hash: string;
}

/**
 * Every OpenAPI v3 document of one registry, built on first use and kept: the registry and the model are immutable,
 * so a document, its bytes and its hash never change for the life of the instance (documents are deeply frozen).
 */
export class OpenApiV3Documents {
  readonly #registry: ResourceRegistry;
  readonly #definitions: DefinitionTable;
  readonly #version: string;
  readonly #paths: ReadonlySet<string>;
  readonly #cache = new Map<string, ServedDocument>();

  constructor(deps: { registry: ResourceRegistry; definitions?: DefinitionTable; version?: string }) {
    this.#registry = deps.registry;
    this.#definitions = servedDefinitions(deps.registry, deps.definitions);
    this.#version = deps.version ?? DEFAULT_INFO_VERSION;
    this.#paths = new Set(openApiV3Paths(deps.registry));
  }

  /** Document paths, sorted (`api`, `api/v1`, `apis`, `apis/apps`, `apis/apps/v1`, ...). */
  paths(): string[] {
    return [...this.#paths];
  }

  has(path: string): boolean {
    return this.#paths.has(path);
  }

  /** The document at `path`; throws OpenApiError('UnknownPath') when it is not served (check has() first). */
  get(path: string): ServedDocument {
    const hit = this.#cache.get(path);
    if (hit) return hit;
    if (!this.#paths.has(path)) throw new OpenApiError('UnknownPath', `no OpenAPI v3 document at ${JSON.stringify(path)}`);
    const document = deepFreeze(buildDocument(this.#registry, path, { definitions: this.#definitions, version: this.#version }));
    const json = openApiV3Json(document);
    const served: ServedDocument = { path, document, json, hash: createHash('sha512').update(json, 'utf8').digest('hex').toUpperCase() };
    this.#cache.set(path, served);
    return served;
  }

  /** The document at `path`, or undefined when it is not served (the API server's OpenApiProvider shape). */
  document(path: string): OpenApiDocument | undefined {
    return this.has(path) ? this.get(path).document : undefined;
  }

  /** The index, with the hash of every document (building each once). */
  index(): OpenApiV3Index {
    return openApiV3Index(this.#registry, (path) => this.get(path).hash);
  }
}
