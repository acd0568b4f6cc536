import type { ModalView } from '@slack/types';
import type { ChangeRequest } from '../../domain/index.js';
import { REASON_MAX } from '../../domain/index.js';
import { ACTION_REASON, BLOCK_REASON, CALLBACK_DENY_REASON } from '../ids.js';
import { plain, section } from './blocks.js';
import { describeChange } from './describe-change.js';

/** Asks an approver for an optional note before denying; private_metadata carries the request id only. */
export function buildDenyReasonModal(request: Pick<ChangeRequest, 'id'> | ChangeRequest): ModalView {
  const summary = 'change' in request ? `\n${describeChange(request)}` : '';
  return {
    type: 'modal',
    callback_id: CALLBACK_DENY_REASON,
    private_metadata: request.id,
    title: plain('Deny request', 24),
    submit: plain('Deny', 24),
    close: plain('Back', 24),
    blocks: [
      section(`Deny request \`${request.id}\`?${summary}`),
      {
        type: 'input',
        block_id: BLOCK_REASON,
        optional: true,
        label: plain('Note for the requester'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_REASON,
          multiline: true,
          max_length: REASON_MAX,
        },
      },
    ],
  };
}
