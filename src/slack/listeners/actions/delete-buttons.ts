import { afterAck, callerOfInteraction, type ListenerDeps, plainMessage } from '../context.js';
import { submitMessage } from '../render.js';
import { decodeDeleteValue } from './delete-value.js';
import type { ButtonArgs } from './request-buttons.js';

/** The confirmation's Delete button: the change goes through the same policy as every other (admins direct, others request). */
export async function handleConfirmDelete(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const value = decodeDeleteValue(args.action.value);
  const reply = (msg: { text: string; blocks: unknown[] }) =>
    args.respond({ replace_original: true, text: msg.text, blocks: msg.blocks as never });
  await afterAck(deps, { action: 'confirm_delete', user: caller?.slackUserId }, reply, async () => {
    if (!caller || !value) {
      await reply(plainMessage('That button does not name a group I know.'));
      return;
    }
    const result = await deps.services.submit(
      caller,
      { kind: 'delete', group: { kind: 'id', id: value.groupId } },
      value.reason,
    );
    await reply(submitMessage(result));
  });
}

export async function handleCancelDelete(_deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  await args.respond({ replace_original: true, text: 'Kept the group; nothing was deleted.' });
}
