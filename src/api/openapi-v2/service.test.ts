import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../registry/index.js';
import { OPENAPI_V2_PROTOBUF, OpenApiV2 } from './service.js';

const v2 = new OpenApiV2({ registry: builtinRegistry() });

describe('OpenApiV2', () => {
  it('serves gnostic protobuf to kubectl, under the current media type name', () => {
    const rep = v2.negotiate('application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(rep?.contentType).toBe(OPENAPI_V2_PROTOBUF);
    expect(rep?.body).toBe(v2.protobuf);
    expect(v2.negotiate(OPENAPI_V2_PROTOBUF)?.body).toBe(v2.protobuf);
  });

  it('serves JSON for application/json, a wildcard, or no Accept header', () => {
    for (const accept of ['application/json', '*/*', 'application/*', undefined, '']) {
      expect(v2.negotiate(accept)).toEqual({ contentType: 'application/json', body: v2.json });
    }
    expect(JSON.parse(v2.json).swagger).toBe('2.0');
  });

  it('honours quality values and skips refused types', () => {
    expect(v2.negotiate(`application/json;q=0.5, ${OPENAPI_V2_PROTOBUF}`)?.contentType).toBe(OPENAPI_V2_PROTOBUF);
    expect(v2.negotiate(`${OPENAPI_V2_PROTOBUF};q=0, application/json;q=0.1`)?.contentType).toBe('application/json');
    expect(v2.negotiate('text/html')).toBeUndefined();
    expect(v2.negotiate('application/json;q=0')).toBeUndefined();
  });

  it('uses the upper-case hex SHA-512 of the JSON body as its ETag', () => {
    expect(v2.etag).toMatch(/^[0-9A-F]{128}$/);
    expect(v2.etag).toBe(createHash('sha512').update(v2.json).digest('hex').toUpperCase());
  });

  it('builds each form once', () => {
    expect(v2.document).toBe(v2.document);
    expect(v2.protobuf).toBe(v2.protobuf);
    expect(new OpenApiV2({ registry: builtinRegistry() }).etag).toBe(v2.etag);
  });
});
