import { describe, expect, it } from 'vitest';
import {
  type DocSpaceError,
  DocSpaceForbiddenError,
  DocSpaceInputError,
  DocSpaceNetworkError,
  DocSpaceNotFoundError,
  DocSpaceRateLimitedError,
  DocSpaceServerError,
  DocSpaceTimeoutError,
  DocSpaceUnauthorizedError,
  DocSpaceUnexpectedResponseError,
  DocSpaceValidationError,
  isDocSpaceError,
} from '../../../src/docspace/errors.js';
import { isGatewayError } from '../../../src/domain/ports.js';

const context = { operation: 'getGroup', method: 'GET', path: '/api/2.0/group/x' };

const cases: [DocSpaceError, string, string][] = [
  [new DocSpaceInputError('d', context), 'DocSpaceInputError', 'invalid_input'],
  [new DocSpaceUnauthorizedError('d', context), 'DocSpaceUnauthorizedError', 'unauthorized'],
  [new DocSpaceForbiddenError('d', context), 'DocSpaceForbiddenError', 'forbidden'],
  [new DocSpaceNotFoundError('d', context), 'DocSpaceNotFoundError', 'not_found'],
  [new DocSpaceValidationError('d', context, {}), 'DocSpaceValidationError', 'validation'],
  [new DocSpaceRateLimitedError('d', context, null), 'DocSpaceRateLimitedError', 'rate_limited'],
  [new DocSpaceServerError('d', context), 'DocSpaceServerError', 'server_error'],
  [new DocSpaceTimeoutError('d', context), 'DocSpaceTimeoutError', 'timeout'],
  [new DocSpaceNetworkError('d', context), 'DocSpaceNetworkError', 'network'],
  [new DocSpaceUnexpectedResponseError('d', context), 'DocSpaceUnexpectedResponseError', 'unexpected_response'],
];

describe('DocSpace errors', () => {
  it.each(cases)('%o has the literal name and gateway code of its class', (error, name, code) => {
    expect([error.name, error.code, isGatewayError(error), isDocSpaceError(error)]).toEqual([name, code, true, true]);
  });

  it('name the operation, method and path in the message', () => {
    expect(new DocSpaceForbiddenError('403 Access denied', context).message).toBe(
      'DocSpace getGroup (GET /api/2.0/group/x) failed: 403 Access denied',
    );
  });

  it('keep the standard cause', () => {
    const cause = new Error('socket hang up');
    expect(new DocSpaceNetworkError('d', { ...context, cause }).cause).toBe(cause);
  });

  it('are not confused with other errors that have a code', () => {
    expect(isDocSpaceError(Object.assign(new Error('x'), { code: 'not_found' }))).toBe(false);
  });
});
