import { beforeEach, describe, expect, it } from 'vitest';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { SIGNING_SECRET, useHarness } from '../../helpers/harness.js';
import { commandReply, docspaceWrites, resetDoubles } from './slack-kit.js';

const RAW_MENTION = '<!channel>';
const ESCAPED_MENTION = '&lt;!channel&gt;';

/** The parts Slack parses for mentions: the `text` fallback and every mrkdwn object (plain_text is shown as is). */
function parsedTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(parsedTexts);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record['type'] === 'mrkdwn' && typeof record['text'] === 'string' ? [record['text']] : [];
  return [...own, ...Object.values(record).flatMap(parsedTexts)];
}

interface LogLine {
  level: number;
  msg: string;
  correlationId?: string;
  err?: { message?: string; slackError?: string };
}

describe('escaping user text and hiding internals end to end', () => {
  const h = useHarness();
  beforeEach(() => {
    resetDoubles(h);
  });

  describe('user text in replies', () => {
    it('creates a group named <!channel> and replies with the name escaped, so nobody is pinged', async () => {
      // With should_escape on, Slack sends typed < and > as entities.
      const { json } = await commandReply(h, 'owner', `create "${ESCAPED_MENTION}"`);
      expect(h.docspace.listGroups().map((g) => g.name)).toEqual([RAW_MENTION]);
      expect(json).toContain(ESCAPED_MENTION);
      expect(json).not.toContain(RAW_MENTION);
    });

    it('escapes such a group name wherever Slack would parse it in show and list replies', async () => {
      h.docspace.seedGroup({ name: `${RAW_MENTION} & <@U0ALICE001>`, managerId: docspaceIdOf('alice') });
      const shown = await commandReply(h, 'owner', `show "${ESCAPED_MENTION} &amp; &lt;@U0ALICE001&gt;"`);
      const listed = await commandReply(h, 'owner', 'list channel');
      for (const { body } of [shown, listed]) {
        const parsed = [String(body['text']), ...parsedTexts(body['blocks'])].join('\n');
        expect(parsed).toContain(`${ESCAPED_MENTION} &amp; &lt;@U0ALICE001&gt;`);
        expect(parsed).not.toContain(RAW_MENTION);
        expect(parsed).not.toContain('<@U0ALICE001>');
      }
    });

    it('escapes a special mention used as a list filter', async () => {
      const { json } = await commandReply(h, 'owner', `list ${RAW_MENTION}`);
      expect(json).toContain(`No DocSpace groups matching “${ESCAPED_MENTION}”`);
      expect(json).not.toContain(RAW_MENTION);
    });

    it('escapes a hostile DocSpace display name in the change reply', async () => {
      h.docspace.seedGroup({ name: 'Guests Welcome' });
      const { json } = await commandReply(h, 'owner', 'add "Guests Welcome" hal@example.com');
      expect(json).toContain(`Hal ${ESCAPED_MENTION} &amp; Co`);
      expect(json).not.toContain(RAW_MENTION);
    });
  });

  describe('unexpected errors', () => {
    const provoke = async () => {
      h.docspace.seedGroup({ name: 'Development Team' });
      h.slack.failNext('users.info', 'internal_error');
      return commandReply(h, 'owner', `add "Development Team" ${mentionOf('dave')}`);
    };
    const idIn = (json: string) => /id: `([0-9a-f]{8})`/.exec(json)?.[1];

    it('answers an unexpected failure with a short apology and a correlation id, and changes nothing', async () => {
      const { json, body } = await provoke();
      expect(json).toMatch(/something went wrong/i);
      expect(idIn(json)).toBeDefined();
      expect(String(body['text']).length).toBeLessThan(200);
      expect(docspaceWrites(h)).toEqual([]);
    });

    it('logs the error under the same correlation id the user was given', async () => {
      const { json } = await provoke();
      const id = idIn(json);
      const lines = h.logs.map((line) => JSON.parse(line) as LogLine);
      const logged = lines.find((l) => l.correlationId === id);
      expect(logged?.level).toBe(50);
      expect(logged?.err?.slackError).toBe('internal_error');
    });

    it('never puts a stack trace, the bot token or the DocSpace API key in the reply', async () => {
      const { json } = await provoke();
      expect(json).not.toMatch(/\bat .+\.ts:\d+/);
      expect(json).not.toContain('Error:');
      expect(json).not.toContain('internal_error');
      expect(json).not.toContain(h.slack.botToken);
      expect(json).not.toContain(h.docspace.apiKey);
    });

    it('never writes the bot token, the signing secret or the DocSpace API key to the log', async () => {
      await provoke();
      await commandReply(h, 'owner', 'show "Development Team"');
      const all = h.logs.join('\n');
      expect(all).not.toContain(h.slack.botToken);
      expect(all).not.toContain(h.docspace.apiKey);
      expect(all).not.toContain(SIGNING_SECRET);
    });

    it('tells the user to have DOCSPACE_API_KEY checked when DocSpace rejects the key, without showing it', async () => {
      h.docspace.seedGroup({ name: 'Development Team' });
      h.docspace.failNext(5, 401);
      const { json } = await commandReply(h, 'owner', 'show "Development Team"');
      expect(json).toContain('DOCSPACE_API_KEY');
      expect(json).not.toContain(h.docspace.apiKey);
    });
  });
});
