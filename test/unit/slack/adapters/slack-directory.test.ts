import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { SlackUserId } from '../../../../src/domain/model/ids.js';
import { createSlackDirectory, FAILED_LOOKUP_TTL_MS } from '../../../../src/slack/adapters/slack-directory.js';
import { createFakeClock } from '../../../helpers/clock.js';

const id = (text: string) => text as SlackUserId;

/** What users.info answers for each user id: a user object, or a Slack error code to throw. */
type Answers = Record<string, Record<string, unknown> | string>;

function slackError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), { data: { ok: false, error: code } });
}

function setup(answers: Answers, options: { maxRemembered?: number } = {}) {
  const calls: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        const answer = answers[user] ?? 'user_not_found';
        if (typeof answer === 'string') throw slackError(answer);
        return { ok: true, user: answer };
      },
    },
  } as unknown as Pick<WebClient, 'users'>;
  const clock = createFakeClock();
  const directory = createSlackDirectory(client, { clock, ...options });
  return { directory, calls, clock };
}

const person = (email: string | null, extra: Record<string, unknown> = {}) => ({
  id: 'U0PERSON01',
  team_id: 'T0TEAM0001',
  name: 'person',
  profile: email === null ? {} : { email },
  ...extra,
});

describe('Slack directory: failed look-ups are remembered for a minute', () => {
  it('answers a user Slack does not know from memory within 60 s, and asks again after', async () => {
    const { directory, calls, clock } = setup({});
    expect(await directory.getUser(id('U0NOBODY01'))).toBeNull();
    clock.advance(FAILED_LOOKUP_TTL_MS - 1);
    expect(await directory.getUser(id('U0NOBODY01'))).toBeNull();
    expect(calls).toEqual(['U0NOBODY01']);
    clock.advance(1);
    expect(await directory.getUser(id('U0NOBODY01'))).toBeNull();
    expect(calls).toEqual(['U0NOBODY01', 'U0NOBODY01']);
  });

  it('remembers profiles that cannot be matched: no email, a bot, a deactivated account', async () => {
    const { directory, calls } = setup({
      U0NOMAIL01: person(null),
      U0ROBOT001: person('robot@example.com', { is_bot: true }),
      U0GONE0001: person('gone@example.com', { deleted: true }),
    });
    for (const user of ['U0NOMAIL01', 'U0ROBOT001', 'U0GONE0001']) {
      const first = await directory.getUser(id(user));
      expect(await directory.getUser(id(user))).toEqual(first);
    }
    expect(calls).toEqual(['U0NOMAIL01', 'U0ROBOT001', 'U0GONE0001']);
  });

  it('does not remember a profile with an email: it becomes a stored mapping instead', async () => {
    const { directory, calls } = setup({ U0ALICE001: person('Alice@Example.com') });
    expect((await directory.getUser(id('U0ALICE001')))?.email).toBe('alice@example.com');
    await directory.getUser(id('U0ALICE001'));
    expect(calls).toEqual(['U0ALICE001', 'U0ALICE001']);
  });

  it('never remembers a Slack failure that is not an answer (rate limit, outage)', async () => {
    const { directory, calls } = setup({ U0LIMITED1: 'ratelimited' });
    await expect(directory.getUser(id('U0LIMITED1'))).rejects.toThrow('ratelimited');
    await expect(directory.getUser(id('U0LIMITED1'))).rejects.toThrow('ratelimited');
    expect(calls).toEqual(['U0LIMITED1', 'U0LIMITED1']);
  });

  it('keeps at most maxRemembered failures, forgetting the oldest first', async () => {
    const { directory, calls } = setup({}, { maxRemembered: 2 });
    for (const user of ['U0NOBODY01', 'U0NOBODY02', 'U0NOBODY03', 'U0NOBODY03', 'U0NOBODY02', 'U0NOBODY01']) {
      await directory.getUser(id(user));
    }
    expect(calls).toEqual(['U0NOBODY01', 'U0NOBODY02', 'U0NOBODY03', 'U0NOBODY01']);
  });
});
