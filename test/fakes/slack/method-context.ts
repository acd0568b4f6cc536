import type { FixturePerson } from '../../fixtures/people.js';
import type { SlackState } from './state.js';

export interface FakeIdentity {
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly people: readonly FixturePerson[];
}

export interface MethodContext {
  readonly state: SlackState;
  readonly identity: FakeIdentity;
  /** Mints a one-use Socket Mode URL (apps.connections.open). */
  readonly openSocketUrl: () => string;
}

export type MethodResult = Record<string, unknown> & { ok: boolean };
export type MethodHandler = (args: Record<string, unknown>, ctx: MethodContext) => MethodResult;

export function fail(error: string): MethodResult {
  return { ok: false, error };
}

/** A non-empty string argument, or undefined. */
export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function findSlackPerson(identity: FakeIdentity, userId: string): FixturePerson | undefined {
  return identity.people.find((p) => p.slack?.id === userId);
}

/** True for fixture people with a Slack account and for the bot user itself. */
export function isKnownUser(identity: FakeIdentity, userId: string): boolean {
  return userId === identity.botUserId || findSlackPerson(identity, userId) !== undefined;
}
