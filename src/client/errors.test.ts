import { describe, expect, it } from 'vitest';
import { isAlreadyExists, isConflict, isNotFound, isResourceExpired, notFound } from '../machinery/index.js';
import { apiErrorFromResponse, apiErrorFromStatus, reasonForCode } from './errors.js';

describe('apiErrorFromResponse', () => {
  it('rebuilds the ApiError a Status body describes, details included', () => {
    const status = notFound({ group: 'apps', resource: 'deployments' }, 'x').toStatus();
    const err = apiErrorFromResponse(404, JSON.stringify(status), 'GET');
    expect(isNotFound(err)).toBe(true);
    expect(err.message).toBe('deployments.apps "x" not found');
    expect(err.details).toEqual({ name: 'x', group: 'apps', kind: 'deployments' });
  });

  it('derives the reason from the code when the Status has none', () => {
    expect(isConflict(apiErrorFromResponse(409, '{"kind":"Status","code":409,"message":"m"}', 'PUT'))).toBe(true);
    expect(isAlreadyExists(apiErrorFromResponse(409, '{"kind":"Status","code":409}', 'POST'))).toBe(true);
  });

  it('treats a 410 without a body as resource expired', () => {
    expect(isResourceExpired(apiErrorFromResponse(410, '', 'GET'))).toBe(true);
  });

  it('quotes a non-Status body in the message', () => {
    const err = apiErrorFromResponse(500, 'upstream exploded', 'GET');
    expect(err.reason).toBe('InternalError');
    expect(err.message).toContain('upstream exploded');
  });

  it('replaces a reason it does not know with the reason of the code', () => {
    const err = apiErrorFromStatus({ kind: 'Status', code: 404, reason: 'SomethingNew', message: 'gone' });
    expect(err.reason).toBe('NotFound');
  });

  it('maps codes like NewGenericServerResponse', () => {
    expect(reasonForCode(422)).toBe('Invalid');
    expect(reasonForCode(429)).toBe('TooManyRequests');
    expect(reasonForCode(418)).toBe('Unknown');
  });
});
