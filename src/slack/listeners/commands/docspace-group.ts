import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Caller } from '../../../domain/index.js';
import { escapeMrkdwn } from '../../escape.js';
import { parseCommand } from '../../parse-command.js';
import type { ParsedCommand } from '../../parse-types.js';
import { buildHelpBlocks, buildHelpText } from '../../views/help-message.js';
import { afterAck, callerOf, type ListenerDeps } from '../context.js';
import { openChangeModal, openMenuModal } from '../views/open-modals.js';
import { runQuery } from './queries.js';
import { runChange } from './run-change.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

async function dispatch(deps: ListenerDeps, args: Args, caller: Caller, parsed: ParsedCommand) {
  const reply = (msg: { text: string; blocks: unknown[] }) =>
    args.respond({ response_type: 'ephemeral', text: msg.text, blocks: msg.blocks as never });
  const context = { command: parsed.kind, user: caller.slackUserId, team: caller.teamId };
  await afterAck(deps, context, reply, async () => {
    const handled = await runChange(deps, caller, parsed, reply);
    if (!handled) await reply(await runQuery(deps, caller, parsed));
  });
}

/**
 * `/docspace-group …`: acks at once (help and parse errors in the ack itself; modals opened right after the ack,
 * before any slow call), then does the DocSpace work and answers through respond().
 */
export async function handleDocspaceGroupCommand(deps: ListenerDeps, args: Args): Promise<void> {
  const { command, ack } = args;
  const parsed = parseCommand(command.text ?? '');
  if (!parsed.ok) {
    const text = `${escapeMrkdwn(parsed.error.message)}\nType \`/docspace-group help\` for the full syntax.`;
    await ack({ response_type: 'ephemeral', text });
    return;
  }
  if (parsed.value.kind === 'help') {
    await ack({ response_type: 'ephemeral', text: buildHelpText(), blocks: buildHelpBlocks() });
    return;
  }
  const caller = callerOf(command.team_id, command.user_id);
  if (!caller) {
    await ack({ response_type: 'ephemeral', text: 'This request did not say which Slack workspace or user sent it.' });
    return;
  }
  await ack();
  const value = parsed.value;
  if (value.kind === 'open_menu' || value.kind === 'open_modal') {
    const open = value.kind === 'open_menu' ? openMenuModal : openChangeModal;
    const modal = value.kind === 'open_modal' ? value.modal : 'create';
    await afterAck(
      deps,
      { command: value.kind, user: caller.slackUserId, team: caller.teamId },
      (msg) => args.respond({ response_type: 'ephemeral', text: msg.text }),
      () => open(deps, args.client, { triggerId: command.trigger_id, caller, channelId: command.channel_id, modal }),
    );
    return;
  }
  await dispatch(deps, args, caller, value);
}
