import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messageProblems } from '../../fakes/slack/block-kit.js';
import type { FakeMessage } from '../../fakes/slack-api-server.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { approve, cardOf, dmsAbout, fileRequest, waitForCardStatus } from './approvals-kit.js';

/** The text of a message's context blocks: where the card and the DM name the request and the group id. */
function contextText(message: FakeMessage): string {
  const blocks = (message.blocks ?? []) as { type?: string; elements?: { text?: string }[] }[];
  return blocks
    .filter((b) => b.type === 'context')
    .flatMap((b) => (b.elements ?? []).map((e) => e.text ?? ''))
    .join('\n');
}

describe('approval cards and DMs name the group by name and id', () => {
  const h = useHarness();

  const seed = (name: string) =>
    h.docspace.seedGroup({ name, managerId: docspaceIdOf('alice'), memberIds: [docspaceIdOf('alice')] });

  /** Files a request as alice, approves it as dave, and returns the card and alice's DM about it. */
  async function requestAndApprove(groupRef: string) {
    const id = await fileRequest(h, 'alice', `add ${groupRef} <@U0CAROL001>`);
    const pendingCard = cardOf(h.slack, id);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).length > 0);
    const dm = dmsAbout(h.slack, 'alice', id)[0] as FakeMessage;
    return { pendingCard: { ...pendingCard }, doneCard: cardOf(h.slack, id), dm };
  }

  it('shows the full group id on the card and in the DM when another group has the same name', async () => {
    const name = `Ops ${randomUUID().slice(0, 6)}`;
    const target = seed(name);
    const twin = seed(name);
    const { pendingCard, doneCard, dm } = await requestAndApprove(target.id);
    for (const message of [pendingCard, doneCard, dm]) {
      expect(JSON.stringify(message.blocks)).toContain(name);
      expect(contextText(message)).toContain(target.id);
      expect(JSON.stringify(message.blocks)).not.toContain(twin.id);
      expect(messageProblems(message)).toEqual([]);
    }
  });

  it('shows the short group id when the name is unique', async () => {
    const name = `Solo ${randomUUID().slice(0, 6)}`;
    const target = seed(name);
    const { pendingCard, doneCard, dm } = await requestAndApprove(`"${name}"`);
    for (const message of [pendingCard, doneCard, dm]) {
      expect(JSON.stringify(message.blocks)).toContain(name);
      expect(contextText(message)).toContain(target.id.slice(0, 8));
      expect(contextText(message)).not.toContain(target.id);
    }
  });

  it('shows the short group id for a unique name even when the request named the group by id', async () => {
    const target = seed(`Solo ${randomUUID().slice(0, 6)}`);
    const { pendingCard, dm } = await requestAndApprove(target.id);
    for (const message of [pendingCard, dm]) {
      expect(contextText(message)).toContain(target.id.slice(0, 8));
      expect(contextText(message)).not.toContain(target.id);
    }
  });
});
