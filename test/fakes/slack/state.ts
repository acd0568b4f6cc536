import type { ChannelMembership, FakeEphemeral, FakeMessage, FakeView } from './types.js';

/** The workspace state the fake keeps between calls: messages, ephemerals, DM channels and views. */
export interface SlackState {
  readonly messages: FakeMessage[];
  readonly ephemerals: FakeEphemeral[];
  /** user id (or sorted user list for group DMs) -> conversation id */
  readonly ims: Map<string, string>;
  readonly views: Map<string, FakeView>;
  /** user id -> their published App Home (views.publish) */
  readonly homes: Map<string, FakeView>;
  /** Channels set with setChannel(); any other channel exists, is open and has the bot as a member. */
  readonly channels: Map<string, ChannelMembership>;
  nextTs(): string;
  nextId(prefix: string): string;
  clear(): void;
}

export function createSlackState(): SlackState {
  let seq = 0;
  const state: SlackState = {
    messages: [],
    ephemerals: [],
    ims: new Map(),
    views: new Map(),
    homes: new Map(),
    channels: new Map(),
    nextTs() {
      seq += 1;
      return `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
    },
    nextId(prefix) {
      seq += 1;
      return `${prefix}0FAKE${String(seq).padStart(5, '0')}`;
    },
    clear() {
      state.messages.length = 0;
      state.ephemerals.length = 0;
      state.ims.clear();
      state.views.clear();
      state.homes.clear();
      state.channels.clear();
      seq = 0;
    },
  };
  return state;
}
