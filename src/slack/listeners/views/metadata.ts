import { z } from 'zod';
import { isSlackChannelId, SLACK_CHANNEL_ID_PATTERN } from '../../../domain/index.js';

/** What a modal carries between open and submit: the channel to answer in. Never identities or decisions. */
const schema = z.object({
  c: z.string().regex(SLACK_CHANNEL_ID_PATTERN).nullable(),
});

export function encodeModalMetadata(channelId: string | null | undefined): string {
  return JSON.stringify({ c: channelId && isSlackChannelId(channelId) ? channelId : null });
}

export function decodeModalMetadata(raw: string | undefined): { channelId: string | null } {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return { channelId: parsed.success ? parsed.data.c : null };
  } catch {
    return { channelId: null };
  }
}
