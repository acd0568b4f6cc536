// Column lists shared by both SQL drivers; rows.ts produces values in exactly this order.

export const MAPPING_COLUMNS = [
  'team_id',
  'slack_user_id',
  'docspace_user_id',
  'source',
  'created_by',
  'created_at',
  'verified_at',
  'docspace_email',
  'docspace_display_name',
  'docspace_type',
] as const;

export const REQUEST_COLUMNS = [
  'id',
  'team_id',
  'fingerprint',
  'change_json',
  'snapshot_json',
  'requester_ids',
  'requester_docspace_id',
  'reason',
  'status',
  'created_at',
  'updated_at',
  'expires_at',
  'decided_by',
  'decided_at',
  'decision_note',
  'attempts',
  'retryable',
  'outcome',
  'card_channel_id',
  'card_ts',
] as const;

export const AUDIT_COLUMNS = [
  'at',
  'team_id',
  'actor_slack_id',
  'actor_docspace_id',
  'on_behalf_of',
  'request_id',
  'action',
  'group_id',
  'group_name',
  'before_json',
  'after_json',
  'outcome',
  'detail',
] as const;
