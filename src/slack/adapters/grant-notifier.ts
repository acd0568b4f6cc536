import type { Grant, GrantNotifier, SlackUserId } from '../../domain/index.js';
import type { SlackMessage } from '../views/blocks.js';
import { buildGrantEnded, buildGrantExpiryFailed, buildGrantReminder } from '../views/grants.js';

/** GrantNotifier over Slack DMs; one person's failed DM does not keep the others from theirs. */
export function createGrantNotifier(sendDm: (userId: string, msg: SlackMessage) => Promise<void>): GrantNotifier {
  const toEach = async (ids: readonly SlackUserId[], msg: SlackMessage) => {
    const sent = await Promise.allSettled(ids.map((id) => sendDm(id, msg)));
    const failed = sent.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return {
    remind: (grant: Grant, to) => toEach(to, buildGrantReminder(grant)),
    ended: (grant: Grant, to) => toEach(to, buildGrantEnded(grant)),
    expiryFailed: (grant: Grant, adminIds) => toEach(adminIds, buildGrantExpiryFailed(grant)),
  };
}
