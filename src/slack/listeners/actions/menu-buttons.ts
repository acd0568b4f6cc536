import { afterAck, callerOfInteraction, type ListenerDeps } from '../context.js';
import { buildChangeModal, type ChangeModalKind } from '../views/open-modals.js';
import type { ButtonArgs } from './request-buttons.js';

/** A menu modal button swaps the menu for the chosen change modal, keeping its metadata (the channel). */
export async function handleMenuButton(deps: ListenerDeps, args: ButtonArgs, kind: ChangeModalKind) {
  await args.ack();
  const caller = callerOfInteraction(args.body);
  const view = args.body.view;
  if (!caller || !view) return;
  await afterAck(
    deps,
    { action: `menu_${kind}` },
    async () => undefined,
    async () => {
      const next = await buildChangeModal(deps, caller, kind, view.private_metadata ?? '');
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
    },
  );
}
