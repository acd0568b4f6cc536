import {
  BLOCK_ADD,
  BLOCK_GROUP,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REASON,
  BLOCK_REMOVE,
} from '../ids.js';

export type ModalField = 'name' | 'manager' | 'members' | 'group' | 'new_manager' | 'add' | 'remove' | 'reason';

const BLOCK_OF: Readonly<Record<ModalField, string>> = {
  name: BLOCK_NAME,
  manager: BLOCK_MANAGER,
  members: BLOCK_MEMBERS,
  group: BLOCK_GROUP,
  new_manager: BLOCK_NEW_MANAGER,
  add: BLOCK_ADD,
  remove: BLOCK_REMOVE,
  reason: BLOCK_REASON,
};

/** Field errors -> the flat `{ block_id: message }` map `ack({ response_action: 'errors', errors })` needs. */
export function buildModalErrors(errors: Partial<Record<ModalField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(errors) as [ModalField, string | undefined][]) {
    if (text !== undefined) out[BLOCK_OF[field]] = text;
  }
  return out;
}
