/** Every Slack action_id, callback_id and block_id the bot uses: views, listeners and tests import them from here. */

/** The slash command, as manifest.yml declares it. */
export const COMMAND = '/docspace-group';

// Modal callback ids (view_submission routing).
export const CALLBACK_MENU = 'dsg_menu_view';
export const CALLBACK_CREATE = 'dsg_create_view';
export const CALLBACK_MANAGER = 'dsg_manager_view';
export const CALLBACK_MEMBERS = 'dsg_members_view';
export const CALLBACK_DENY_REASON = 'dsg_deny_reason_view';

// Input blocks (keys of response_action:errors) and the elements inside them (keys of state.values[block]).
export const BLOCK_NAME = 'dsg_name';
export const ACTION_NAME = 'dsg_name_input';
export const BLOCK_MANAGER = 'dsg_manager';
export const ACTION_MANAGER = 'dsg_manager_select';
export const BLOCK_MEMBERS = 'dsg_members';
export const ACTION_MEMBERS = 'dsg_members_select';
export const BLOCK_GROUP = 'dsg_group';
/** The external_select whose options come from app.options(ACTION_GROUP_PICKER). */
export const ACTION_GROUP_PICKER = 'dsg_group_picker';
export const BLOCK_NEW_MANAGER = 'dsg_new_manager';
export const ACTION_NEW_MANAGER = 'dsg_new_manager_select';
export const BLOCK_ADD = 'dsg_add';
export const ACTION_ADD = 'dsg_add_select';
export const BLOCK_REMOVE = 'dsg_remove';
export const ACTION_REMOVE = 'dsg_remove_select';
export const BLOCK_REASON = 'dsg_reason';
export const ACTION_REASON = 'dsg_reason_input';
/** Every input element above: Slack sends block_actions for them inside modals, which only need an ack. */
export const INPUT_ACTIONS = /^dsg_.*_(select|input|picker)$/;

// Menu modal buttons.
export const BLOCK_MENU_ACTIONS = 'dsg_menu_actions';
export const ACTION_MENU_CREATE = 'dsg_menu_create';
export const ACTION_MENU_MANAGER = 'dsg_menu_manager';
export const ACTION_MENU_MEMBERS = 'dsg_menu_members';

// Approval card and request list buttons; every value is the request id and nothing else.
export const BLOCK_DECISION = 'dsg_decision';
export const ACTION_APPROVE = 'dsg_approve';
export const ACTION_DENY = 'dsg_deny';
export const ACTION_RETRY = 'dsg_retry';
export const ACTION_CANCEL_REQUEST = 'dsg_cancel_request';
/**
 * Prefix of the block_id of each request's Approve/Deny row in the `requests` list (`dsg_list_decision:<id>`): the
 * buttons are the card's own (same action ids, handlers, confirmation and compare-and-set); only the answer differs,
 * since an approver who decided from the list does not see the card.
 */
export const BLOCK_LIST_DECISION = 'dsg_list_decision';

// Delete confirmation buttons; the value is the group id.
export const BLOCK_DELETE_ACTIONS = 'dsg_delete_actions';
export const ACTION_CONFIRM_DELETE = 'dsg_confirm_delete';
export const ACTION_CANCEL_DELETE = 'dsg_cancel_delete';

// Time-bound access (grants): Renew and End now on reminders and in the `grants` list; the value is the grant id.
export const BLOCK_GRANT_ACTIONS = 'dsg_grant_actions';
export const ACTION_GRANT_RENEW = 'dsg_grant_renew';
export const ACTION_GRANT_END = 'dsg_grant_end';
/** The optional "for how long" field of the add-members and change-manager modals. */
export const BLOCK_DURATION = 'dsg_duration';
export const ACTION_DURATION = 'dsg_duration_input';
// Undo on a change's reply or its card; the value is `e:<audit entry id>` or `r:<request id>` (see views/undo-parts.ts).
export const BLOCK_UNDO = 'dsg_undo';
export const ACTION_UNDO = 'dsg_undo';
// Manager handover (HANDOVER_ACCEPTANCE=on): the incoming manager's Accept / Decline; each value is the handover id.
export const BLOCK_HANDOVER = 'dsg_handover';
export const ACTION_HANDOVER_ACCEPT = 'dsg_handover_accept';
export const ACTION_HANDOVER_DECLINE = 'dsg_handover_decline';
// App Home (views.publish). Approve/Deny/Cancel there are the card's own action ids; only the block ids differ.
/** Prefix of the block_id of each request's Approve/Deny row on the Home (`dsg_home_decision:<id>`). */
export const BLOCK_HOME_DECISION = 'dsg_home_decision';
/** A group's overflow menu on the Home; the option value is `<what>:<group id>` (see listeners/home.ts). */
export const ACTION_HOME_GROUP = 'dsg_home_group';
export const ACTION_HOME_NEW_GROUP = 'dsg_home_new_group';
export const BLOCK_HOME_ACTIONS = 'dsg_home_actions';
/** The rename modal the Home's group menu opens; private_metadata is the group id. */
export const CALLBACK_HOME_RENAME = 'dsg_home_rename_view';
// Access review DMs: Keep / Remove / Note on each member, Submit on the last page. Each value is a JSON
// { r: review id, m: member id, p: page } (Submit: no m); who may click is checked on the server.
export const ACTION_REVIEW_KEEP = 'dsg_review_keep';
export const ACTION_REVIEW_REMOVE = 'dsg_review_remove';
export const ACTION_REVIEW_NOTE = 'dsg_review_note';
export const ACTION_REVIEW_SUBMIT = 'dsg_review_submit';
/** Prefix of each member's row (`dsg_review_member:<member id>`). */
export const BLOCK_REVIEW_MEMBER = 'dsg_review_member';
export const BLOCK_REVIEW_SUBMIT = 'dsg_review_submit_row';
/** The note modal; private_metadata carries the button's value and the DM message to re-render. */
export const CALLBACK_REVIEW_NOTE = 'dsg_review_note_view';
export const BLOCK_REVIEW_NOTE = 'dsg_review_note_block';
export const ACTION_REVIEW_NOTE_INPUT = 'dsg_review_note_input';
