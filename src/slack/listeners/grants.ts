import { z } from 'zod';
import { ok } from '../../domain/index.js';
import { buildGrantEndedReply, buildGrantRenewedReply } from '../views/grants.js';
import type { ButtonArgs } from './buttons.js';
import {
  afterAck,
  callerOfInteraction,
  failureMessage,
  type ListenerDeps,
  plainMessage,
  type Reply,
  submitMessage,
} from './context.js';
import { actionDeliveryKey, isRepeat } from './deliveries.js';

/** A grant button's value: the grant id and nothing else. */
const grantId = z.string().regex(/^G[0-9A-Z]{10}$/);

/**
 * Renew and End now, on a reminder DM or in the `grants` list: ack, then act. Who may press them is decided on the
 * server from the signed user id; a replayed click is silent. Only the clicker sees the answer.
 */
export async function handleGrantButton(deps: ListenerDeps, args: ButtonArgs, kind: 'renew' | 'end') {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const id = grantId.safeParse(args.action.value);
  const reply: Reply = async (msg) => {
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
    }
  };
  const name = kind === 'renew' ? 'renew_grant' : 'end_grant';
  await afterAck(deps, { action: name, user: caller?.slackUserId }, reply, async () => {
    if (!caller || !id.success) {
      await reply(plainMessage('That button does not name time-bound access I know.'));
      return;
    }
    const what = { action: name, grantId: id.data, user: caller.slackUserId };
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    if (kind === 'end') {
      const ended = await deps.services.endGrant(caller, id.data);
      await reply(ended.ok ? buildGrantEndedReply(ended.value) : failureMessage(ended.error));
      return;
    }
    const renewed = await deps.services.renewGrant(caller, id.data);
    if (!renewed.ok) await reply(failureMessage(renewed.error));
    else if (renewed.value.kind === 'renewed') await reply(buildGrantRenewedReply(renewed.value.grant));
    else await reply(submitMessage(ok(renewed.value.outcome)));
  });
}
