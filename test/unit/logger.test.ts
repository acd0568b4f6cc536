import { describe, expect, it } from 'vitest';
import { createLogger, createScrubbingStream, moduleLogger, serializeError } from '../../src/logger.js';

const TOKEN = 'xoxb-1111-2222-abcdefabcdef';
const KEY = `sk-${'ab12'.repeat(16)}`;

function collecting(secrets: readonly string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets, destination: { write: (line: string) => lines.push(line) } });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('createLogger redaction paths', () => {
  it.each(['token', 'botToken', 'appToken', 'apiKey', 'signingSecret', 'authorization', 'Authorization', 'password'])(
    'blanks a top-level %s',
    (field) => {
      const { logger, records } = collecting();
      logger.info({ [field]: TOKEN }, 'x');
      expect(records()[0]?.[field]).toBe('[REDACTED]');
    },
  );

  it('blanks secrets one level down, such as slack.botToken and docspace.apiKey', () => {
    const { logger, lines } = collecting();
    logger.info({ slack: { botToken: TOKEN }, docspace: { apiKey: KEY } }, 'x');
    expect([lines[0]?.includes(TOKEN), lines[0]?.includes(KEY), lines[0]?.match(/\[REDACTED\]/g)?.length]).toEqual([
      false,
      false,
      2,
    ]);
  });

  it('blanks authorization headers and the Slack signature header', () => {
    const { logger, records } = collecting();
    logger.info(
      { headers: { authorization: `Bearer ${KEY}` }, req: { headers: { 'x-slack-signature': 'v0=abc' } } },
      'x',
    );
    const record = records()[0] as { headers: Record<string, unknown>; req: { headers: Record<string, unknown> } };
    expect([record.headers['authorization'], record.req.headers['x-slack-signature']]).toEqual([
      '[REDACTED]',
      '[REDACTED]',
    ]);
  });

  it('blanks the whole Slack config and the DocSpace key of a logged config', () => {
    const { logger, records } = collecting();
    logger.info({ config: { slack: { botToken: TOKEN, port: 3000 }, docspace: { apiKey: KEY, url: 'https://x' } } });
    const config = records()[0]?.['config'] as { slack: unknown; docspace: Record<string, unknown> };
    expect([config.slack, config.docspace['apiKey'], config.docspace['url']]).toEqual([
      '[REDACTED]',
      '[REDACTED]',
      'https://x',
    ]);
  });

  it('leaves a secret nested deeper than the paths reach to the scrubbing stream, which replaces it', () => {
    const { logger, lines } = collecting([TOKEN]);
    logger.info({ a: { b: { token: TOKEN } } }, `and in the message: ${TOKEN}`);
    expect([lines[0]?.includes(TOKEN), lines[0]?.match(/\[REDACTED\]/g)?.length]).toEqual([false, 2]);
  });

  it('serializes `err` with the error serializer and keeps the module of a child logger', () => {
    const { logger, records } = collecting();
    moduleLogger(logger, 'docspace.client').error({ err: new TypeError('boom') }, 'failed');
    const record = records()[0] as { module: string; app: string; err: Record<string, unknown> };
    expect([record.module, record.app, record.err['type'], record.err['message']]).toEqual([
      'docspace.client',
      'docspace-group-bot',
      'TypeError',
      'boom',
    ]);
  });
});

describe('serializeError', () => {
  it('keeps name, message, the stable fields and the Slack error code', () => {
    const error = Object.assign(new Error('An API error occurred: invalid_auth'), {
      code: 'slack_webapi_platform_error',
      status: 200,
      operation: 'getSelf',
      data: { ok: false, error: 'invalid_auth' },
    });
    const out = serializeError(error);
    expect([out['type'], out['code'], out['status'], out['operation'], out['slackError']]).toEqual([
      'Error',
      'slack_webapi_platform_error',
      200,
      'getSelf',
      'invalid_auth',
    ]);
  });

  it('drops everything else an error carries, such as request headers and config', () => {
    const error = Object.assign(new Error('request failed'), {
      headers: { authorization: `Bearer ${KEY}` },
      config: { token: TOKEN },
      request: { body: `token=${TOKEN}` },
    });
    const text = JSON.stringify(serializeError(error));
    expect([text.includes(KEY), text.includes(TOKEN), text.includes('headers')]).toEqual([false, false, false]);
  });

  it('follows the cause chain', () => {
    const error = new Error('outer', { cause: new RangeError('inner') });
    expect((serializeError(error)['cause'] as Record<string, unknown>)['type']).toBe('RangeError');
  });

  it('turns a thrown non-error into a message', () => {
    expect(serializeError('plain string')).toEqual({ message: 'plain string' });
  });
});

describe('createScrubbingStream', () => {
  function scrub(secrets: readonly string[], line: string): string[] {
    const out: string[] = [];
    const stream = createScrubbingStream(secrets, { write: (chunk: string) => out.push(chunk) });
    stream.write(line);
    return out;
  }

  it('replaces every occurrence of every secret', () => {
    expect(scrub([TOKEN, KEY], `${TOKEN} ${KEY} ${TOKEN}\n`)).toEqual(['[REDACTED] [REDACTED] [REDACTED]\n']);
  });

  it('passes a line without secrets through unchanged', () => {
    expect(scrub([TOKEN], '{"msg":"hello"}\n')).toEqual(['{"msg":"hello"}\n']);
  });

  it('ignores secrets shorter than six characters, which would blank ordinary words', () => {
    const target = { write: () => true };
    expect(createScrubbingStream(['abc', ''], target)).toBe(target);
  });
});
