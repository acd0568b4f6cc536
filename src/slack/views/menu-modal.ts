import type { ModalView } from '@slack/types';
import {
  ACTION_MENU_CREATE,
  ACTION_MENU_MANAGER,
  ACTION_MENU_MEMBERS,
  BLOCK_MENU_ACTIONS,
  CALLBACK_MENU,
} from '../ids.js';
import { button, context, plain, section } from './blocks.js';

/** The modal `/docspace-group` opens with no arguments: one button per change, plus a pointer to help. */
export function buildMenuModal(options: { privateMetadata?: string } = {}): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_MENU,
    title: plain('DocSpace groups', 24),
    close: plain('Close', 24),
    ...(options.privateMetadata === undefined ? {} : { private_metadata: options.privateMetadata }),
    blocks: [
      section('What would you like to do?'),
      {
        type: 'actions',
        block_id: BLOCK_MENU_ACTIONS,
        elements: [
          button({ actionId: ACTION_MENU_CREATE, label: 'Create group', value: 'create' }),
          button({ actionId: ACTION_MENU_MANAGER, label: 'Change manager', value: 'manager' }),
          button({ actionId: ACTION_MENU_MEMBERS, label: 'Edit members', value: 'members' }),
        ],
      },
      context('Type `/docspace-group help` to see every command, including list, show, rename and delete.'),
    ],
  };
}
