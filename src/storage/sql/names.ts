import { z } from 'zod';
import type { GroupId, NameReservation, SlackTeamId } from '../../domain/index.js';
import { NAME_RESERVATION_STATES } from '../../domain/index.js';
import type { SqlValue } from './rows.js';
import type { Placeholder } from './statements.js';

// SQL and row mapping of migration 003's two tables, shared by the SQLite and PostgreSQL drivers.

const date = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v : new Date(v)));

const reservationRow = z.object({
  team_id: z.string(),
  name_key: z.string(),
  name: z.string(),
  owner: z.string(),
  token: z.string(),
  state: z.enum(NAME_RESERVATION_STATES),
  group_id: z.string().nullable(),
  lease_until: date,
  updated_at: date,
});

export function reservationFromRow(raw: unknown): NameReservation {
  const row = reservationRow.parse(raw);
  return {
    teamId: row.team_id as SlackTeamId,
    nameKey: row.name_key,
    name: row.name,
    owner: row.owner,
    token: row.token,
    state: row.state,
    groupId: row.group_id as GroupId | null,
    leaseUntil: row.lease_until,
    updatedAt: row.updated_at,
  };
}

/** Values in the column order of INSERT and (after the key) of SWAP. */
function reservationValues(r: NameReservation): SqlValue[] {
  return [r.teamId, r.nameKey, r.name, r.owner, r.token, r.state, r.groupId, r.leaseUntil, r.updatedAt];
}

/** The statements of NameReservationRepo and DeliveryRepo, with each driver's placeholders. */
export function nameStatements(p: Placeholder) {
  const columns = 'team_id, name_key, name, owner, token, state, group_id, lease_until, updated_at';
  const values = Array.from({ length: 9 }, (_, i) => p(i + 1)).join(', ');
  return {
    insert: {
      sql: `INSERT INTO group_name_reservations (${columns}) VALUES (${values}) ON CONFLICT (team_id, name_key) DO NOTHING RETURNING token`,
      values: reservationValues,
    },
    get: `SELECT * FROM group_name_reservations WHERE team_id = ${p(1)} AND name_key = ${p(2)}`,
    swap: {
      sql:
        `UPDATE group_name_reservations SET name = ${p(1)}, owner = ${p(2)}, token = ${p(3)}, state = ${p(4)}, ` +
        `group_id = ${p(5)}, lease_until = ${p(6)}, updated_at = ${p(7)} ` +
        `WHERE team_id = ${p(8)} AND name_key = ${p(9)} AND token = ${p(10)} RETURNING token`,
      values: (token: string, r: NameReservation): SqlValue[] => [
        r.name,
        r.owner,
        r.token,
        r.state,
        r.groupId,
        r.leaseUntil,
        r.updatedAt,
        r.teamId,
        r.nameKey,
        token,
      ],
    },
    release: `DELETE FROM group_name_reservations WHERE team_id = ${p(1)} AND name_key = ${p(2)} AND token = ${p(3)} RETURNING token`,
    releaseGroup: `DELETE FROM group_name_reservations WHERE team_id = ${p(1)} AND group_id = ${p(2)} RETURNING name_key`,
    releaseGroupExcept: `DELETE FROM group_name_reservations WHERE team_id = ${p(1)} AND group_id = ${p(2)} AND name_key <> ${p(3)} RETURNING name_key`,
    purgeDeliveries: `DELETE FROM slack_deliveries WHERE expires_at <= ${p(1)}`,
    claimDelivery: `INSERT INTO slack_deliveries (delivery_key, seen_at, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}) ON CONFLICT (delivery_key) DO NOTHING RETURNING delivery_key`,
    forgetDelivery: `DELETE FROM slack_deliveries WHERE delivery_key = ${p(1)}`,
  };
}
