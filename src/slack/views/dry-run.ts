import type { KnownBlock } from '@slack/types';
import type { ChangeReport, ChangeRequest, PlannedCall } from '../../domain/index.js';
import { context, esc, nameList, section } from './blocks.js';

/** DRY_RUN in replies and cards: the line that says nothing was changed, and the DocSpace calls the bot would have sent. */

const DRY_RUN_DONE = '🧪 *Dry run: nothing was changed.*';
const DRY_RUN_PENDING = '🧪 *Dry run:* approving it changes nothing; the card then lists the calls the bot would send.';

/** Calls shown one by one; a change makes one, so more only ever means something unusual. */
const CALLS_SHOWN = 5;
/** Characters of one call's JSON body shown before it is cut (a section holds 3000). */
const BODY_SHOWN = 1800;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

type NameOf = (id: string) => string | undefined;

/** "Bob Baker = `1a2b…`" for every id in the call that has a known name. */
function whoIsWho(call: PlannedCall, nameOf: NameOf): string | null {
  const ids = new Set(`${call.path} ${JSON.stringify(call.body ?? null)}`.match(GUID) ?? []);
  const named = [...ids].flatMap((id) => {
    const name = nameOf(id.toLowerCase());
    return name === undefined ? [] : [`${esc(name, 80)} = \`${id}\``];
  });
  return named.length > 0 ? `ids: ${nameList(named, 20, 900)}` : null;
}

/** A JSON body inside a mrkdwn code block: escaped, and never closing the block early. */
function bodyText(body: unknown): string {
  if (body === null || body === undefined) return '_no body_';
  const json = esc(JSON.stringify(body), BODY_SHOWN).replaceAll('```', '``\u200b`');
  return `\`\`\`${json}\`\`\``;
}

function callText(call: PlannedCall, nameOf: NameOf): string {
  const who = whoIsWho(call, nameOf);
  return [`\`${call.method} ${esc(call.path, 300)}\``, bodyText(call.body), ...(who ? [who] : [])].join('\n');
}

/** "Would have sent to DocSpace:" then each call (method, path, JSON body, which id is whom). */
export function plannedCallBlocks(calls: readonly PlannedCall[], nameOf: NameOf): KnownBlock[] {
  if (calls.length === 0) return [];
  const shown = calls.slice(0, CALLS_SHOWN);
  const more = calls.length - shown.length;
  return [
    section(`*Would have sent to DocSpace* (${calls.length} call${calls.length === 1 ? '' : 's'}):`),
    ...shown.map((call) => section(callText(call, nameOf))),
    ...(more > 0 ? [context(`…and ${more} more call${more === 1 ? '' : 's'} (all in the audit log)`)] : []),
  ];
}

/** What the change would have done, for the reply's headline. */
export function dryRunHeadline(report: ChangeReport, group: string): string {
  const name = `*${esc(group, 128)}*`;
  switch (report.change.kind) {
    case 'create':
      return `${DRY_RUN_DONE} It would have created group ${name}.`;
    case 'set_manager':
      return `${DRY_RUN_DONE} It would have changed the manager of ${name}.`;
    case 'members':
      return `${DRY_RUN_DONE} It would have updated the members of ${name}.`;
    case 'rename':
      return `${DRY_RUN_DONE} It would have renamed group ${name}.`;
    case 'delete':
      return `${DRY_RUN_DONE} It would have deleted group ${name}.`;
  }
}

/** Names for a reply's calls: everyone the report names, and the group by its id. */
export function reportNamer(report: ChangeReport): NameOf {
  const group = report.before ?? report.after;
  return (id) => report.names[id] ?? (group && group.id === id ? group.name : undefined);
}

/** The dry-run blocks of a card or a requester's DM: the notice, then the calls once the request was rehearsed. */
export function requestDryRunBlocks(request: ChangeRequest): KnownBlock[] {
  if (!request.dryRun) return [];
  const notice = request.status === 'pending' ? DRY_RUN_PENDING : DRY_RUN_DONE;
  const groupId = request.change.kind === 'create' ? null : request.change.groupId;
  const nameOf: NameOf = (id) =>
    request.snapshot.names[id] ?? (id === groupId ? request.snapshot.groupName : undefined);
  return [section(notice), ...plannedCallBlocks(request.dryRun.calls, nameOf)];
}
