import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { messageProblems } from '../../fakes/slack/block-kit.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { commandReply, docspaceWrites, resetDoubles } from './slack-kit.js';

/** Every mrkdwn text of a reply, in order, joined by newlines. */
function replyText(body: Record<string, unknown>): string {
  const blocks = (body['blocks'] ?? []) as { text?: { text?: string } }[];
  return blocks.map((b) => b.text?.text ?? '').join('\n');
}

/** The N of the one "…and N more" in a text. */
function moreCount(text: string): number {
  const found = [...text.matchAll(/…and (\d+) more/g)];
  expect(found).toHaveLength(1);
  return Number(found[0]?.[1]);
}

/** A 120-character address no DocSpace account has. */
function unknownEmail(n: number): string {
  const domain = '@example.com';
  const local = `unknown.person.${n}.`;
  return `${local}${'x'.repeat(120 - local.length - domain.length)}${domain}`;
}

describe('every reply within Slack Block Kit limits, long lists packed (the Slack double is strict)', () => {
  const h = useHarness();
  beforeEach(() => {
    resetDoubles(h);
  });

  it('answers a change naming 15 unknown 120-character emails with a valid reply ending in "…and N more"', async () => {
    h.docspace.seedGroup({ name: 'Limits Team', managerId: docspaceIdOf('alice'), memberIds: [] });
    const emails = Array.from({ length: 15 }, (_, i) => unknownEmail(i + 1));
    expect(emails.every((e) => e.length === 120)).toBe(true);
    const { body } = await commandReply(h, 'owner', `add "Limits Team" ${emails.join(' ')}`);
    expect(h.slack.rejectedResponses).toEqual([]);
    expect(messageProblems(body)).toEqual([]);
    const text = replyText(body);
    expect(text).toContain('Some people could not be matched to DocSpace accounts, so nothing was changed');
    const shown = emails.filter((e) => text.includes(`\`${e}\``));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(emails.slice(0, shown.length));
    expect(text.trimEnd()).toMatch(/…and \d+ more$/);
    expect(shown.length + moreCount(text)).toBe(15);
    expect(docspaceWrites(h)).toEqual([]);
  });

  it('answers a name shared by 12 groups with a valid list of them ending in "…and N more"', async () => {
    // 128 characters with 32 ampersands: each one is escaped to 5 characters in mrkdwn.
    const name = `R&D ${randomUUID().slice(0, 4)} ${'R&D '.repeat(31)}`.slice(0, 128).trim();
    const groups = Array.from({ length: 12 }, () =>
      h.docspace.seedGroup({ name, managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('alice')] }),
    );
    const { body } = await commandReply(h, 'owner', `show "${name}"`);
    expect(h.slack.rejectedResponses).toEqual([]);
    expect(messageProblems(body)).toEqual([]);
    const text = replyText(body);
    expect(text).toContain('12 groups are called');
    const shown = groups.filter((g) => text.includes(g.id));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length + moreCount(text)).toBe(12);
    const list = text.slice(0, text.indexOf('Use the group id')).trimEnd();
    expect(list).toMatch(/…and \d+ more$/);
  });
});
