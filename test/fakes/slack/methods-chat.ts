import {
  fail,
  findSlackPerson,
  isKnownUser,
  type MethodContext,
  type MethodHandler,
  stringArg,
} from './method-context.js';
import type { FakeMessage } from './types.js';

/** The IM channel id of a user, created on first use: the same id every time for the same user. */
function imChannelFor(ctx: MethodContext, key: string): string {
  const existing = ctx.state.ims.get(key);
  if (existing !== undefined) return existing;
  const id = ctx.state.nextId(key.includes(',') ? 'G' : 'D');
  ctx.state.ims.set(key, id);
  return id;
}

/** Posting to a user id lands in the bot's DM with that user, as on real Slack. */
function resolveChannel(ctx: MethodContext, channel: string): string | undefined {
  if (!/^[UW]/.test(channel)) return channel;
  return isKnownUser(ctx.identity, channel) ? imChannelFor(ctx, channel) : undefined;
}

function messageJson(message: FakeMessage, ctx: MethodContext): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return { type: 'message', ...rest, bot_id: ctx.identity.botId, team: ctx.identity.teamId };
}

/** What Slack answers a post into a channel the bot cannot post in (see setChannel). */
const POST_REFUSAL = { not_member: 'not_in_channel', archived: 'is_archived', missing: 'channel_not_found' } as const;

export const chatPostMessage: MethodHandler = (args, ctx) => {
  const requested = stringArg(args, 'channel');
  const channel = requested === undefined ? undefined : resolveChannel(ctx, requested);
  if (channel === undefined) return fail('channel_not_found');
  const membership = ctx.state.channels.get(channel) ?? 'member';
  if (membership !== 'member') return fail(POST_REFUSAL[membership]);
  const text = stringArg(args, 'text') ?? '';
  const { blocks, attachments } = args;
  if (text === '' && blocks === undefined && attachments === undefined) return fail('no_text');
  const threadTs = stringArg(args, 'thread_ts');
  const message: FakeMessage = { channel, ts: ctx.state.nextTs(), text, user: ctx.identity.botUserId };
  if (blocks !== undefined) message.blocks = blocks;
  if (threadTs !== undefined) message.thread_ts = threadTs;
  ctx.state.messages.push(message);
  return { ok: true, channel, ts: message.ts, message: messageJson(message, ctx) };
};

export const chatPostEphemeral: MethodHandler = (args, ctx) => {
  const channel = stringArg(args, 'channel');
  const user = stringArg(args, 'user');
  if (channel === undefined) return fail('channel_not_found');
  if (user === undefined || !isKnownUser(ctx.identity, user)) return fail('user_not_found');
  const text = stringArg(args, 'text') ?? '';
  if (text === '' && args['blocks'] === undefined && args['attachments'] === undefined) return fail('no_text');
  ctx.state.ephemerals.push({
    channel,
    user,
    text,
    ...(args['blocks'] === undefined ? {} : { blocks: args['blocks'] }),
  });
  return { ok: true, message_ts: ctx.state.nextTs() };
};

// Omitted text/blocks keep their previous value, as documented for chat.update.
export const chatUpdate: MethodHandler = (args, ctx) => {
  const requested = stringArg(args, 'channel');
  const channel = requested === undefined ? undefined : resolveChannel(ctx, requested);
  const ts = stringArg(args, 'ts');
  const index = ctx.state.messages.findIndex((m) => m.channel === channel && m.ts === ts);
  const current = ctx.state.messages[index];
  if (current === undefined) return fail('message_not_found');
  const text = typeof args['text'] === 'string' ? args['text'] : undefined;
  if (text === undefined && args['blocks'] === undefined && args['attachments'] === undefined) return fail('no_text');
  const updated: FakeMessage = { ...current, text: text ?? current.text };
  if (args['blocks'] !== undefined) updated.blocks = args['blocks'];
  ctx.state.messages[index] = updated;
  return { ok: true, channel: updated.channel, ts: updated.ts, text: updated.text, message: messageJson(updated, ctx) };
};

/** conversations.info: a channel as setChannel() describes it (a member of any channel it was not told about). */
export const conversationsInfo: MethodHandler = (args, ctx) => {
  const channel = stringArg(args, 'channel');
  if (channel === undefined) return fail('channel_not_found');
  const membership = ctx.state.channels.get(channel) ?? 'member';
  if (membership === 'missing') return fail('channel_not_found');
  const im = [...ctx.state.ims.values()].includes(channel);
  return {
    ok: true,
    channel: {
      id: channel,
      name: im ? undefined : `channel-${channel.toLowerCase()}`,
      is_channel: !im,
      is_im: im,
      is_private: false,
      is_archived: membership === 'archived',
      ...(im ? {} : { is_member: membership !== 'not_member' }),
    },
  };
};

export const conversationsOpen: MethodHandler = (args, ctx) => {
  const channel = stringArg(args, 'channel');
  if (channel !== undefined) {
    const known = [...ctx.state.ims.values()].includes(channel);
    return known ? { ok: true, no_op: true, already_open: true, channel: { id: channel } } : fail('channel_not_found');
  }
  const users = (stringArg(args, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (users.length === 0) return fail('users_list_not_supplied');
  for (const user of users) {
    if (!isKnownUser(ctx.identity, user)) return fail('user_not_found');
    if (findSlackPerson(ctx.identity, user)?.slack?.deleted === true) return fail('user_disabled');
  }
  const key = [...users].sort().join(',');
  const alreadyOpen = ctx.state.ims.has(key);
  const id = imChannelFor(ctx, key);
  return { ok: true, no_op: alreadyOpen, already_open: alreadyOpen, channel: { id } };
};
