import { z } from 'zod';
import { type GroupId, REASON_MAX, toGroupId } from '../../../domain/index.js';

const schema = z.object({ g: z.string(), r: z.string().max(REASON_MAX).nullable() });

/** The delete confirmation buttons carry the group id and the reason typed with the command. */
export function encodeDeleteValue(groupId: GroupId, reason: string | null): string {
  return JSON.stringify({ g: groupId, r: reason });
}

export function decodeDeleteValue(value: string | undefined): { groupId: GroupId; reason: string | null } | null {
  if (!value) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    const id = toGroupId(value);
    return id ? { groupId: id, reason: null } : null;
  }
  const parsed = schema.safeParse(raw);
  const id = parsed.success ? toGroupId(parsed.data.g) : null;
  return parsed.success && id ? { groupId: id, reason: parsed.data.r } : null;
}
