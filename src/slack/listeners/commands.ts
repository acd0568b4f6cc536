import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Caller, ChangeAsk, DomainFailure } from '../../domain/index.js';
import { isApprover } from '../../domain/index.js';
import { escapeMrkdwn } from '../escape.js';
import { COMMAND } from '../ids.js';
import { unlinkedText } from '../messages.js';
import type { ParsedCommand } from '../parse/command.js';
import { parseCommand } from '../parse/command.js';
import { SUBCOMMANDS } from '../parse/usage.js';
import type { SlackMessage } from '../views/blocks.js';
import { mention } from '../views/blocks.js';
import { buildGrantsList, withGrantBlocks } from '../views/grants.js';
import { buildAuditList, buildGroupList, buildMappingsList, buildRequestsList, buildWhoami } from '../views/lists.js';
import { buildDeleteConfirmation, buildGroupDetails, buildHelpBlocks, buildHelpText } from '../views/replies.js';
import { encodeDeleteValue } from './buttons.js';
import {
  afterAck,
  type CommandLabel,
  callerOf,
  duplicateMessage,
  failureMessage,
  type ListenerDeps,
  plainMessage,
  type Reply,
  submitMessage,
} from './context.js';
import { commandDeliveryKey, isRepeat } from './deliveries.js';
import { openChangeModal, openMenuModal } from './modals.js';
import { runReviewCommand } from './reviews.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** How a command ended, noted while it runs, for the commands metric: `ok`, `invalid`, `error` or a failure code. */
interface Tally {
  subcommand: CommandLabel;
  outcome: string;
}

/** The failure's reply, noting its code as the command's outcome. */
function failed(tally: Tally, failure: DomainFailure): SlackMessage {
  tally.outcome = failure.code;
  return failureMessage(failure);
}

/** The label of a command whose text did not parse: its first word when that is a subcommand, else `other`. */
function labelOfText(text: string): CommandLabel {
  const word = /^\s*(\S+)/.exec(text)?.[1]?.toLowerCase();
  return SUBCOMMANDS.find((sub) => sub === word) ?? 'other';
}

function labelOf(command: ParsedCommand): CommandLabel {
  if (command.kind === 'open_menu') return 'menu';
  return command.kind === 'open_modal' ? command.modal : command.kind;
}

/** The mutating commands, as the domain's ChangeAsk; null for everything else. */
function toAsk(command: ParsedCommand): ChangeAsk | null {
  switch (command.kind) {
    case 'create':
      return { kind: 'create', name: command.name, manager: command.manager, members: command.members };
    case 'manager':
      return {
        kind: 'set_manager',
        group: command.group,
        manager: command.user,
        ...(command.duration === undefined ? {} : { duration: command.duration }),
        ...(command.now ? { now: true } : {}),
      };
    case 'add':
      return {
        kind: 'members',
        group: command.group,
        add: command.users,
        remove: [],
        ...(command.duration === undefined ? {} : { duration: command.duration }),
      };
    case 'remove':
      return { kind: 'members', group: command.group, add: [], remove: command.users };
    case 'rename':
      return { kind: 'rename', group: command.group, name: command.name };
    case 'delete':
      return { kind: 'delete', group: command.group };
    default:
      return null;
  }
}

/**
 * Mutating commands. `delete` only asks for confirmation here (the button does the rest); everything else goes to
 * the domain, which executes for admins and files a request for everyone else. Returns false for other commands.
 */
async function runChange(
  deps: ListenerDeps,
  args: Args,
  caller: Caller,
  parsed: ParsedCommand,
  reply: Reply,
  tally: Tally,
): Promise<boolean> {
  const ask = toAsk(parsed);
  if (!ask) return false;
  const reason = 'reason' in parsed ? parsed.reason : null;
  if (ask.kind === 'delete') {
    const group = await deps.services.show(ask.group);
    if (!group.ok) await reply(failed(tally, group.error));
    else await reply(buildDeleteConfirmation(group.value, encodeDeleteValue(group.value.id, reason)));
    return true;
  }
  const what = { command: parsed.kind, user: caller.slackUserId };
  if (await isRepeat(deps, commandDeliveryKey(args.command), args.context, what)) {
    tally.outcome = 'duplicate';
    await reply(duplicateMessage());
    return true;
  }
  const result = await deps.services.submit(caller, ask, reason);
  if (!result.ok) tally.outcome = result.error.code;
  await reply(submitMessage(result));
  return true;
}

/** Read-only and admin commands; every one answers with one ephemeral message. */
async function runQuery(
  deps: ListenerDeps,
  caller: Caller,
  parsed: ParsedCommand,
  tally: Tally,
): Promise<SlackMessage> {
  const s = deps.services;
  switch (parsed.kind) {
    case 'show': {
      const group = await s.show(parsed.group);
      if (!group.ok) return failed(tally, group.error);
      const details = buildGroupDetails(group.value);
      const timed = await s.groupGrants(caller, group.value.id);
      return timed.ok ? withGrantBlocks(details, timed.value) : details;
    }
    case 'grants': {
      const mine = await s.grants(caller);
      return mine.ok ? buildGrantsList(mine.value.grants, mine.value.all) : failed(tally, mine.error);
    }
    case 'list': {
      const page = await s.list(parsed.filter);
      return page.ok ? buildGroupList({ ...page.value, filter: parsed.filter }) : failed(tally, page.error);
    }
    case 'whoami': {
      const who = await s.whoami(caller);
      if (!who.ok) return failed(tally, who.error);
      const { identity, role } = who.value;
      return buildWhoami(caller.slackUserId, identity, { admin: role === 'admin', approver: isApprover(role) });
    }
    case 'link': {
      const linked = await s.link(caller, parsed.user, parsed.target);
      if (!linked.ok) return failed(tally, linked.error);
      const m = linked.value;
      return plainMessage(`Linked ${mention(m.slackUserId)} to DocSpace account \`${m.docspaceUserId}\`.`);
    }
    case 'unlink': {
      const unlinked = await s.unlink(caller, parsed.user);
      if (!unlinked.ok) return failed(tally, unlinked.error);
      return plainMessage(unlinkedText(parsed.user, unlinked.value.removed));
    }
    case 'mappings': {
      const list = await s.mappings(caller, parsed.user);
      return list.ok ? buildMappingsList(list.value) : failed(tally, list.error);
    }
    case 'requests': {
      const view = await s.requests(caller, parsed.page);
      if (!view.ok) return failed(tally, view.error);
      return buildRequestsList(view.value, caller.slackUserId);
    }
    case 'audit': {
      const entries = await s.audit(caller, parsed.group);
      return entries.ok ? buildAuditList(entries.value) : failed(tally, entries.error);
    }
    case 'review':
      return runReviewCommand(deps, caller, parsed.review);
    default:
      return plainMessage(`Type \`${COMMAND} help\` for what I can do.`);
  }
}

async function dispatch(deps: ListenerDeps, args: Args, caller: Caller, parsed: ParsedCommand, tally: Tally) {
  const reply: Reply = (msg) => args.respond({ response_type: 'ephemeral', text: msg.text, blocks: msg.blocks });
  const context = { command: parsed.kind, user: caller.slackUserId, team: caller.teamId };
  const done = await afterAck(deps, context, reply, async () => {
    const handled = await runChange(deps, args, caller, parsed, reply, tally);
    if (!handled) await reply(await runQuery(deps, caller, parsed, tally));
  });
  if (!done) tally.outcome = 'error';
}

/**
 * `/docspace-group …`: acks at once (help and parse errors in the ack itself; modals opened right after the ack,
 * before any slow call), then does the DocSpace work and answers through respond().
 */
export async function handleDocspaceGroupCommand(deps: ListenerDeps, args: Args): Promise<void> {
  const tally: Tally = { subcommand: labelOfText(args.command.text ?? ''), outcome: 'ok' };
  try {
    await runCommand(deps, args, tally);
  } catch (error) {
    tally.outcome = 'error';
    throw error;
  } finally {
    deps.onCommand?.(tally.subcommand, tally.outcome);
  }
}

async function runCommand(deps: ListenerDeps, args: Args, tally: Tally): Promise<void> {
  const { command, ack } = args;
  const parsed = parseCommand(command.text ?? '');
  if (!parsed.ok) {
    tally.outcome = 'invalid';
    const text = `${escapeMrkdwn(parsed.error.message)}\nType \`${COMMAND} help\` for the full syntax.`;
    await ack({ response_type: 'ephemeral', text });
    return;
  }
  tally.subcommand = labelOf(parsed.value);
  if (parsed.value.kind === 'help') {
    await ack({ response_type: 'ephemeral', text: buildHelpText(), blocks: buildHelpBlocks() });
    return;
  }
  const caller = callerOf(command.team_id, command.user_id);
  if (!caller) {
    tally.outcome = 'invalid';
    await ack({ response_type: 'ephemeral', text: 'This request did not say which Slack workspace or user sent it.' });
    return;
  }
  await ack();
  const value = parsed.value;
  if (value.kind === 'open_menu' || value.kind === 'open_modal') {
    const open = value.kind === 'open_menu' ? openMenuModal : openChangeModal;
    const modal = value.kind === 'open_modal' ? value.modal : 'create';
    const opened = await afterAck(
      deps,
      { command: value.kind, user: caller.slackUserId, team: caller.teamId },
      (msg) => args.respond({ response_type: 'ephemeral', text: msg.text }),
      () => open(deps, args.client, { triggerId: command.trigger_id, caller, channelId: command.channel_id, modal }),
    );
    if (!opened) tally.outcome = 'error';
    return;
  }
  await dispatch(deps, args, caller, value, tally);
}
