import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Caller } from '../../../domain/index.js';
import { buildCreateModal, buildManagerModal, buildMembersModal } from '../../views/change-modals.js';
import { buildMenuModal } from '../../views/menu-modal.js';
import type { ReasonMode } from '../../views/modal-inputs.js';
import type { ListenerDeps } from '../context.js';
import { encodeModalMetadata } from './metadata.js';

export type ChangeModalKind = 'create' | 'manager' | 'members';

export interface OpenModalInput {
  readonly triggerId: string;
  readonly caller: Caller;
  readonly channelId: string | null;
  readonly modal: ChangeModalKind;
}

/** The modal for a change; the reason field and submit label follow the caller's role (a local look-up only). */
export async function buildChangeModal(
  deps: ListenerDeps,
  caller: Caller,
  kind: ChangeModalKind,
  privateMetadata: string,
): Promise<ModalView> {
  const role = await deps.services.roleHint(caller);
  const needsApproval = !role.ok || role.value !== 'admin';
  const reasonMode: ReasonMode = needsApproval ? deps.reasonMode : 'hidden';
  const options = { reasonMode, needsApproval, privateMetadata };
  if (kind === 'create') return buildCreateModal(options);
  return kind === 'manager' ? buildManagerModal(options) : buildMembersModal(options);
}

export async function openMenuModal(deps: ListenerDeps, client: WebClient, input: OpenModalInput): Promise<void> {
  await client.views.open({
    trigger_id: input.triggerId,
    view: buildMenuModal({ privateMetadata: encodeModalMetadata(input.channelId) }),
  });
  deps.logger.debug({ user: input.caller.slackUserId }, 'opened the menu modal');
}

export async function openChangeModal(deps: ListenerDeps, client: WebClient, input: OpenModalInput): Promise<void> {
  const view = await buildChangeModal(deps, input.caller, input.modal, encodeModalMetadata(input.channelId));
  await client.views.open({ trigger_id: input.triggerId, view });
}
