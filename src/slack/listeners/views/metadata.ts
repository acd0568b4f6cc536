import { z } from 'zod';

/** What a modal carries between open and submit: the channel to answer in. Never identities or decisions. */
const schema = z.object({
  c: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,20}$/)
    .nullable(),
});

export function encodeModalMetadata(channelId: string | null | undefined): string {
  return JSON.stringify({ c: channelId && /^[CGD][A-Z0-9]{2,20}$/.test(channelId) ? channelId : null });
}

export function decodeModalMetadata(raw: string | undefined): { channelId: string | null } {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return { channelId: parsed.success ? parsed.data.c : null };
  } catch {
    return { channelId: null };
  }
}
