import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DocSpaceForbiddenError,
  DocSpaceNotFoundError,
  DocSpaceUnauthorizedError,
  DocSpaceUnexpectedResponseError,
  DocSpaceValidationError,
} from '../../../src/docspace/errors.js';
import { isGatewayError } from '../../../src/domain/ports.js';
import { failureOf, seedTeam, setup, startClient, startFake, UNKNOWN_GROUP, userId } from './client-harness.js';

const WRONG_KEY = `sk-${'0'.repeat(64)}`;

describe('DocSpace client: HTTP failures map to typed errors', () => {
  it('throws DocSpaceUnauthorizedError for an unknown API key', async () => {
    const fake = await startFake();
    const { client } = startClient(fake, { apiKey: WRONG_KEY });
    const error = await failureOf(() => client.getSelf());
    expect([error instanceof DocSpaceUnauthorizedError, error.message]).toEqual([
      true,
      'DocSpace getSelf (GET /api/2.0/people/@self) failed: 401 Unauthorized',
    ]);
  });

  it('throws DocSpaceForbiddenError when a room admin key tries a write', async () => {
    const fake = await startFake();
    const { client } = startClient(fake, { apiKey: fake.keyFor('carol') });
    const error = await failureOf(() => client.createGroup({ name: 'Development Team' }));
    expect([error instanceof DocSpaceForbiddenError, error.message]).toEqual([
      true,
      'DocSpace createGroup (POST /api/2.0/group) failed: 403 Access denied',
    ]);
  });

  it('throws DocSpaceNotFoundError for an unknown group', async () => {
    const { client } = await setup();
    const error = await failureOf(() => client.getGroup(UNKNOWN_GROUP));
    expect([error instanceof DocSpaceNotFoundError, error.message]).toEqual([
      true,
      `DocSpace getGroup (GET /api/2.0/group/${UNKNOWN_GROUP}) failed: 404 The group could not be found`,
    ]);
  });

  it('throws DocSpaceNotFoundError for an unknown email', async () => {
    const { client } = await setup();
    expect(await failureOf(() => client.getUserByEmail('nobody@example.com'))).toBeInstanceOf(DocSpaceNotFoundError);
  });

  it('throws DocSpaceValidationError with field errors for a validation-problem 400', async () => {
    const { client } = await setup();
    const error = await failureOf(() => client.getUserByEmail('not-an-email'));
    expect([error instanceof DocSpaceValidationError, (error as DocSpaceValidationError).fieldErrors]).toEqual([
      true,
      { Email: ['The Email field is not a valid e-mail address.'] },
    ]);
  });

  it('throws DocSpaceValidationError for an error-envelope 400 such as a guest member on create', async () => {
    const { client } = await setup();
    const error = await failureOf(() => client.createGroup({ name: 'Team', memberIds: [userId('gus')] }));
    expect([error instanceof DocSpaceValidationError, error.message]).toEqual([
      true,
      'DocSpace createGroup (POST /api/2.0/group) failed: 400 The user could not be found',
    ]);
  });

  it('throws DocSpaceUnexpectedResponseError for a truncated JSON body', async () => {
    const { client, fake } = await setup();
    fake.malformedNext(1);
    const error = await failureOf(() => client.listGroups());
    expect([error instanceof DocSpaceUnexpectedResponseError, error.message]).toEqual([
      true,
      'DocSpace listGroups (GET /api/2.0/group) failed: 200 response body is not valid JSON',
    ]);
  });

  it('throws DocSpaceUnexpectedResponseError naming the drifted field and keeping a body snippet', async () => {
    const { client, fake } = await setup();
    const id = seedTeam(fake);
    fake.driftNext(1);
    const error = (await failureOf(() => client.getGroup(id))) as DocSpaceUnexpectedResponseError;
    expect([
      error.code,
      error.message.includes('schema drift: response.id:'),
      error.bodySnippet?.startsWith('{"response":{'),
    ]).toEqual(['unexpected_response', true, true]);
  });

  it('throws errors that the domain recognises as gateway errors', async () => {
    const { client } = await setup();
    expect(isGatewayError(await failureOf(() => client.getGroup(UNKNOWN_GROUP)))).toBe(true);
  });
});

describe('DocSpace client: the API key never leaks', () => {
  const renderings = (error: Error) =>
    [String(error), error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');

  it('keeps the key out of every error form for 401, 403, 404, 429, 5xx, drift, malformed, drop and timeout', async () => {
    const fake = await startFake();
    const key = fake.apiKey;
    const { client } = startClient(fake, { timeoutMs: 100, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 10 } });
    const failures: Error[] = [];
    const knobs: (() => void)[] = [
      () => fake.rateLimitNext(1, 60),
      () => fake.failNext(1, 503),
      () => fake.driftNext(1),
      () => fake.malformedNext(1),
      () => fake.dropNext(1),
      () => fake.setLatency(1000),
    ];
    failures.push(await failureOf(() => client.getGroup(UNKNOWN_GROUP)));
    for (const arm of knobs) {
      arm();
      failures.push(await failureOf(() => client.listGroups()));
    }
    fake.setLatency(0);
    const { client: stranger } = startClient(fake, { apiKey: fake.keyFor('carol') });
    failures.push(await failureOf(() => stranger.deleteGroup(UNKNOWN_GROUP)));
    const { client: wrong } = startClient(fake, { apiKey: WRONG_KEY });
    failures.push(await failureOf(() => wrong.getSelf()));
    expect(failures.map((e) => e.name)).toHaveLength(9);
    for (const [error, secret] of failures.map((e, i) => [e, i === 8 ? WRONG_KEY : key] as const)) {
      expect(renderings(error)).not.toContain(secret);
    }
  });

  it('keeps the key out of the retry warnings it logs', async () => {
    const { client, fake, logLines } = await setup();
    fake.failNext(1, 503);
    await client.listGroups();
    expect([logLines.length > 0, JSON.stringify(logLines).includes(fake.apiKey)]).toEqual([true, false]);
  });

  it('refuses options with a malformed key without echoing it', async () => {
    const fake = await startFake();
    const bad = 'sk-secret value\r\nX-Injected: 1';
    const error = await failureOf(async () => startClient(fake, { apiKey: bad }));
    expect([error instanceof TypeError, error.message.includes('secret')]).toEqual([true, false]);
  });
});
