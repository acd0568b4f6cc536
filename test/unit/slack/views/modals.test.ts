import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../../../src/domain/model/ids.js';
import {
  ACTION_GROUP_PICKER,
  ACTION_MENU_CREATE,
  ACTION_MENU_MANAGER,
  ACTION_MENU_MEMBERS,
  BLOCK_ADD,
  BLOCK_GROUP,
  BLOCK_MANAGER,
  BLOCK_MEMBERS,
  BLOCK_NAME,
  BLOCK_NEW_MANAGER,
  BLOCK_REASON,
  BLOCK_REMOVE,
  CALLBACK_CREATE,
  CALLBACK_DENY_REASON,
  CALLBACK_MANAGER,
  CALLBACK_MEMBERS,
  CALLBACK_MENU,
} from '../../../../src/slack/ids.js';
import {
  buildCreateModal,
  buildDenyReasonModal,
  buildManagerModal,
  buildMembersModal,
  buildMenuModal,
  buildModalErrors,
} from '../../../../src/slack/views/modals.js';
import { allMrkdwn, buttons, expectInert, HOSTILE, makeRequest, REQUEST_ID } from './builders.js';

const inputs = (view: ModalView): InputBlock[] => view.blocks.filter((b): b is InputBlock => b.type === 'input');
const input = (view: ModalView, blockId: string): InputBlock | undefined =>
  inputs(view).find((b) => b.block_id === blockId);

const allModals = (): ModalView[] => [
  buildMenuModal(),
  buildCreateModal({ reasonMode: 'required', needsApproval: true }),
  buildManagerModal({ reasonMode: 'optional' }),
  buildMembersModal({ reasonMode: 'optional' }),
  buildDenyReasonModal(makeRequest()),
];

describe('modals', () => {
  it('keeps every title, submit and close label within 24 characters', () => {
    for (const view of allModals()) {
      for (const label of [view.title, view.submit, view.close]) {
        if (label) expect(label.text.length).toBeLessThanOrEqual(24);
      }
    }
  });

  it('gives every modal with inputs a submit button, and every callback id its own constant', () => {
    const views = allModals();
    for (const view of views) if (inputs(view).length > 0) expect(view.submit).toBeDefined();
    expect(views.map((v) => v.callback_id)).toEqual([
      CALLBACK_MENU,
      CALLBACK_CREATE,
      CALLBACK_MANAGER,
      CALLBACK_MEMBERS,
      CALLBACK_DENY_REASON,
    ]);
  });

  it('offers create, change-manager and edit-members buttons in the menu and points to help', () => {
    const menu = buildMenuModal();
    expect(buttons(menu).map((b) => b.actionId)).toEqual([
      ACTION_MENU_CREATE,
      ACTION_MENU_MANAGER,
      ACTION_MENU_MEMBERS,
    ]);
    expect(allMrkdwn(menu)).toContain('/docspace-group help');
  });

  it('asks for a required name of 1 to 128 characters and optional manager and members in the create modal', () => {
    const view = buildCreateModal({ reasonMode: 'optional' });
    const name = input(view, BLOCK_NAME);
    expect(name?.optional ?? false).toBe(false);
    expect(name?.element).toMatchObject({ type: 'plain_text_input', min_length: 1, max_length: 128 });
    expect(input(view, BLOCK_MANAGER)).toMatchObject({ optional: true, element: { type: 'users_select' } });
    expect(input(view, BLOCK_MEMBERS)).toMatchObject({ optional: true, element: { type: 'multi_users_select' } });
  });

  it('leaves the reason out when hidden, optional when optional and required when required', () => {
    expect(input(buildCreateModal({ reasonMode: 'hidden' }), BLOCK_REASON)).toBeUndefined();
    expect(input(buildCreateModal({ reasonMode: 'optional' }), BLOCK_REASON)?.optional).toBe(true);
    const required = input(buildCreateModal({ reasonMode: 'required' }), BLOCK_REASON);
    expect(required?.optional).toBe(false);
    expect(required?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 500 });
  });

  it('passes private_metadata through unchanged', () => {
    const meta = JSON.stringify({ channel: 'C1', text: HOSTILE });
    expect(buildCreateModal({ reasonMode: 'hidden', privateMetadata: meta }).private_metadata).toBe(meta);
    expect(buildManagerModal({ reasonMode: 'hidden', privateMetadata: meta }).private_metadata).toBe(meta);
    expect(buildMembersModal({ reasonMode: 'hidden', privateMetadata: meta }).private_metadata).toBe(meta);
  });

  it('uses an external group picker that searches from the first typed character', () => {
    for (const view of [buildManagerModal({ reasonMode: 'hidden' }), buildMembersModal({ reasonMode: 'hidden' })]) {
      expect(input(view, BLOCK_GROUP)?.element).toMatchObject({
        type: 'external_select',
        action_id: ACTION_GROUP_PICKER,
        min_query_length: 1,
      });
    }
  });

  it('preselects a named group with its option text capped at 75 characters', () => {
    const id = 'aaaa0001-0000-4000-8000-000000000001' as GroupId;
    const view = buildManagerModal({ reasonMode: 'hidden', initialGroup: { id, name: 'x'.repeat(128) } });
    const element = input(view, BLOCK_GROUP)?.element as { initial_option?: { text: { text: string }; value: string } };
    expect(element.initial_option?.value).toBe(id);
    expect(element.initial_option?.text.text.length).toBeLessThanOrEqual(75);
  });

  it('requires a new manager in the manager modal and makes both member lists optional in the members modal', () => {
    expect(input(buildManagerModal({ reasonMode: 'hidden' }), BLOCK_NEW_MANAGER)?.optional).toBe(false);
    const members = buildMembersModal({ reasonMode: 'hidden' });
    expect(input(members, BLOCK_ADD)).toMatchObject({ optional: true, element: { type: 'multi_users_select' } });
    expect(input(members, BLOCK_REMOVE)).toMatchObject({ optional: true, element: { type: 'multi_users_select' } });
  });

  it('says the change goes to an approver when approval is needed', () => {
    const view = buildMembersModal({ reasonMode: 'required', needsApproval: true });
    expect(view.submit?.text).toBe('Send request');
    expect(allMrkdwn(view)).toContain('approver');
  });

  it('carries only the request id in the deny-reason modal metadata and keeps the note optional', () => {
    const view = buildDenyReasonModal(makeRequest());
    expect(view.private_metadata).toBe(REQUEST_ID);
    expect(input(view, BLOCK_REASON)?.optional).toBe(true);
  });

  it('shows hostile group names in the deny-reason modal only escaped', () => {
    const request = makeRequest({ snapshot: { groupName: HOSTILE, names: {}, managerBefore: null } });
    expectInert(buildDenyReasonModal(request));
  });
});

describe('buildModalErrors', () => {
  it('maps every field name to its input block id in a flat map', () => {
    const errors = buildModalErrors({
      name: 'a',
      manager: 'b',
      members: 'c',
      group: 'd',
      new_manager: 'e',
      add: 'f',
      remove: 'g',
      reason: 'h',
    });
    expect(errors).toEqual({
      [BLOCK_NAME]: 'a',
      [BLOCK_MANAGER]: 'b',
      [BLOCK_MEMBERS]: 'c',
      [BLOCK_GROUP]: 'd',
      [BLOCK_NEW_MANAGER]: 'e',
      [BLOCK_ADD]: 'f',
      [BLOCK_REMOVE]: 'g',
      [BLOCK_REASON]: 'h',
    });
  });

  it('only includes the fields that have an error', () => {
    expect(buildModalErrors({ group: 'Pick a group' })).toEqual({ [BLOCK_GROUP]: 'Pick a group' });
  });

  it('keys errors by block ids that exist as input blocks in the modals', () => {
    const blockIds = new Set(allModals().flatMap((v) => inputs(v).map((b) => b.block_id)));
    for (const key of Object.keys(buildModalErrors({ name: 'x', group: 'x', add: 'x', reason: 'x' }))) {
      expect(blockIds.has(key)).toBe(true);
    }
  });
});
