import type { FakeSlack, ResponseUrlPost, SlackCall } from '../fakes/slack-api-server.js';
import { ALL_PEOPLE, displayNameOf } from '../fixtures/people.js';
import { channelName, NAMES } from './cast.js';
import { renderHome, renderMessage, renderModal } from './render.js';
import type { Transcript } from './transcript.js';

/** Who sees what arrives at a response_url or opens from a trigger_id: the person who typed or clicked. */
interface Audience {
  readonly who: string;
  readonly where: string;
}

interface VisibleEvent {
  readonly at: number;
  readonly title: string;
  readonly lines: string[];
}

/** Reads what the bot made visible in Slack since the last flush and prints it as boxes. */
export interface SlackFeed {
  /** Replies to this response_url id (`slack.responseUrl(id)`) are shown as seen by `who`. */
  expectReply(responseId: string, who: string, where: string): void;
  /** A modal opened with this trigger_id is shown as seen by `who`. */
  expectTrigger(triggerId: string, who: string): void;
  /** Prints every visible Slack event since the previous flush, oldest first; returns how many. */
  flush(t: Transcript): number;
}

function str(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  return typeof value === 'string' ? value : '';
}

function dmRecipient(slack: FakeSlack, channel: string): string {
  const person = ALL_PEOPLE.find(
    (p) => p.slack && slack.dms(p.slack.id).some((message) => message.channel === channel),
  );
  return person ? displayNameOf(person) : `the user of ${channel}`;
}

function responseEvent(post: ResponseUrlPost, audience: Audience | undefined): VisibleEvent {
  const who = audience?.who ?? 'the person who acted';
  const body = post.body;
  let title = `Only ${who} can see this · in ${audience?.where ?? 'Slack'}`;
  if (body['response_type'] === 'in_channel') title = `Everyone in ${audience?.where ?? 'the channel'} sees`;
  if (body['replace_original'] === true) title = `The message ${who} clicked now reads`;
  if (body['delete_original'] === true)
    return { at: post.at, title: `The message ${who} clicked is removed`, lines: [] };
  return { at: post.at, title, lines: renderMessage(body, NAMES) };
}

function callEvent(slack: FakeSlack, call: SlackCall, triggers: Map<string, string>): VisibleEvent | null {
  const args = call.args;
  const channel = str(args, 'channel');
  const where = channel.startsWith('D') ? null : `#${channelName(channel)}`;
  const body = { text: args['text'], blocks: args['blocks'] };
  switch (call.method) {
    case 'chat.postMessage':
      return where
        ? { at: call.at, title: `The bot posts in ${where}`, lines: renderMessage(body, NAMES) }
        : {
            at: call.at,
            title: `DM from the bot to ${dmRecipient(slack, channel)}`,
            lines: renderMessage(body, NAMES),
          };
    case 'chat.update':
      return {
        at: call.at,
        title: `The bot updates its message in ${where ?? 'a DM'}`,
        lines: renderMessage(body, NAMES),
      };
    case 'chat.postEphemeral': {
      const who = NAMES.user(str(args, 'user')) ?? str(args, 'user');
      return {
        at: call.at,
        title: `Only ${who} can see this · in ${where ?? 'a DM'}`,
        lines: renderMessage(body, NAMES),
      };
    }
    case 'views.open':
    case 'views.push': {
      const who = triggers.get(str(args, 'trigger_id')) ?? 'the person who acted';
      const view = (args['view'] ?? {}) as Record<string, unknown>;
      return { at: call.at, title: `A form opens for ${who}`, lines: renderModal(view, NAMES) };
    }
    case 'views.update':
      return { at: call.at, title: 'The form changes', lines: renderModal((args['view'] ?? {}) as never, NAMES) };
    case 'views.publish': {
      const who = NAMES.user(str(args, 'user_id')) ?? str(args, 'user_id');
      return {
        at: call.at,
        title: `${who}'s Home tab now shows`,
        lines: renderHome((args['view'] ?? {}) as never, NAMES),
      };
    }
    default:
      return null;
  }
}

export function createSlackFeed(slack: FakeSlack): SlackFeed {
  const replies = new Map<string, Audience>();
  const triggers = new Map<string, string>();
  let callMark = slack.calls.length;
  let responseMark = slack.responses.length;
  return {
    expectReply: (id, who, where) => void replies.set(id, { who, where }),
    expectTrigger: (id, who) => void triggers.set(id, who),
    flush(t) {
      const calls = slack.calls.slice(callMark);
      const posts = slack.responses.slice(responseMark);
      callMark += calls.length;
      responseMark += posts.length;
      const events = [
        ...posts.map((post) => responseEvent(post, replies.get(post.id))),
        ...calls.map((call) => callEvent(slack, call, triggers)).filter((e): e is VisibleEvent => e !== null),
      ].sort((a, b) => a.at - b.at);
      for (const event of events) t.box(event.title, event.lines);
      return events.length;
    },
  };
}
