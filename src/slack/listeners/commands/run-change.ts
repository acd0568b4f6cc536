import type { Caller } from '../../../domain/index.js';
import type { ParsedCommand } from '../../parse-types.js';
import type { SlackMessage } from '../../views/blocks.js';
import { buildDeleteConfirmation } from '../../views/delete-confirmation.js';
import { encodeDeleteValue } from '../actions/delete-value.js';
import type { ListenerDeps } from '../context.js';
import { failureMessage, submitMessage } from '../render.js';
import { toAsk } from './to-ask.js';

/**
 * Mutating commands. `delete` only asks for confirmation here (the button does the rest); everything else goes to
 * the domain, which executes for admins and files a request for everyone else. Returns false for other commands.
 */
export async function runChange(
  deps: ListenerDeps,
  caller: Caller,
  parsed: ParsedCommand,
  reply: (msg: SlackMessage) => Promise<unknown>,
): Promise<boolean> {
  const ask = toAsk(parsed);
  if (!ask) return false;
  const reason = 'reason' in parsed ? parsed.reason : null;
  if (ask.kind === 'delete') {
    const group = await deps.services.show(ask.group);
    if (!group.ok) await reply(failureMessage(group.error));
    else await reply(buildDeleteConfirmation(group.value, encodeDeleteValue(group.value.id, reason)));
    return true;
  }
  await reply(submitMessage(await deps.services.submit(caller, ask, reason)));
  return true;
}
