import type { Caller } from '../../../domain/index.js';
import { isApprover } from '../../../domain/index.js';
import type { ParsedCommand } from '../../parse-types.js';
import { buildAuditList } from '../../views/audit-list.js';
import type { SlackMessage } from '../../views/blocks.js';
import { mention } from '../../views/blocks.js';
import { buildGroupDetails } from '../../views/group-details.js';
import { buildGroupList } from '../../views/group-list.js';
import { buildMappingsList, buildWhoami } from '../../views/identity-views.js';
import { buildRequestsList } from '../../views/requests-list.js';
import { type ListenerDeps, plainMessage } from '../context.js';
import { failureMessage } from '../render.js';

/** Read-only and admin commands; every one answers with one ephemeral message. */
export async function runQuery(deps: ListenerDeps, caller: Caller, parsed: ParsedCommand): Promise<SlackMessage> {
  const s = deps.services;
  switch (parsed.kind) {
    case 'show': {
      const group = await s.show(parsed.group);
      return group.ok ? buildGroupDetails(group.value) : failureMessage(group.error);
    }
    case 'list': {
      const page = await s.list(parsed.filter);
      return page.ok ? buildGroupList({ ...page.value, filter: parsed.filter }) : failureMessage(page.error);
    }
    case 'whoami': {
      const who = await s.whoami(caller);
      if (!who.ok) return failureMessage(who.error);
      const { identity, role } = who.value;
      return buildWhoami(caller.slackUserId, identity, { admin: role === 'admin', approver: isApprover(role) });
    }
    case 'link': {
      const linked = await s.link(caller, parsed.user, parsed.target);
      if (!linked.ok) return failureMessage(linked.error);
      const m = linked.value;
      return plainMessage(`Linked ${mention(m.slackUserId)} to DocSpace account \`${m.docspaceUserId}\`.`);
    }
    case 'unlink': {
      const unlinked = await s.unlink(caller, parsed.user);
      if (!unlinked.ok) return failureMessage(unlinked.error);
      const who = mention(parsed.user);
      return plainMessage(unlinked.value.removed ? `Unlinked ${who}.` : `${who} was not linked; nothing changed.`);
    }
    case 'mappings': {
      const list = await s.mappings(caller, parsed.user);
      return list.ok ? buildMappingsList(list.value) : failureMessage(list.error);
    }
    case 'requests': {
      const view = await s.requests(caller);
      if (!view.ok) return failureMessage(view.error);
      return buildRequestsList(view.value.requests, caller.slackUserId, view.value.approver);
    }
    case 'audit': {
      const entries = await s.audit(caller, parsed.group);
      return entries.ok ? buildAuditList(entries.value) : failureMessage(entries.error);
    }
    default:
      return plainMessage('Type `/docspace-group help` for what I can do.');
  }
}
