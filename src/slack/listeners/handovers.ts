import { toHandoverId } from '../../domain/index.js';
import type { ButtonArgs } from './buttons.js';
import {
  afterAck,
  callerOfInteraction,
  failureMessage,
  type ListenerDeps,
  plainMessage,
  type Reply,
} from './context.js';
import { actionDeliveryKey, isRepeat } from './deliveries.js';

/**
 * Accept and Decline on the incoming manager's handover DM: ack, then answer. The button value is only the handover
 * id; that the clicker is the incoming manager, and that it still waits, is decided on the server. Refusals go to the
 * clicker alone; the DM itself is updated by the domain.
 */
export async function handleHandoverButton(deps: ListenerDeps, args: ButtonArgs, answer: 'accept' | 'decline') {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const id = toHandoverId(args.action.value ?? '');
  const reply: Reply = async (msg) => {
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
    }
  };
  const what = { action: `handover_${answer}`, handoverId: id, user: caller?.slackUserId };
  await afterAck(deps, what, reply, async () => {
    if (!caller || !id) {
      await reply(plainMessage('That button does not name a handover I know.'));
      return;
    }
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    const run = answer === 'accept' ? deps.services.acceptHandover : deps.services.declineHandover;
    const result = await run(caller, id);
    if (!result.ok) await reply(failureMessage(result.error));
  });
}
