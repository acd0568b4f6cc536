import { displayNameOf, type FixturePerson } from '../../fixtures/people.js';
import { type FakeIdentity, fail, findSlackPerson, type MethodHandler, stringArg } from './method-context.js';

const BOT_NAME = 'docspace-groups';

function toSlackUser(person: FixturePerson, userId: string, teamId: string): Record<string, unknown> {
  const realName = displayNameOf(person);
  const profile: Record<string, unknown> = {
    real_name: realName,
    display_name: person.handle,
    first_name: person.firstName,
    last_name: person.lastName,
  };
  if (person.email !== null) profile['email'] = person.email;
  return {
    id: userId,
    team_id: teamId,
    name: person.handle,
    real_name: realName,
    deleted: person.slack?.deleted ?? false,
    is_bot: person.slack?.isBot ?? false,
    profile,
  };
}

function botUser(identity: FakeIdentity): Record<string, unknown> {
  return {
    id: identity.botUserId,
    team_id: identity.teamId,
    name: BOT_NAME,
    real_name: 'DocSpace Groups',
    deleted: false,
    is_bot: true,
    profile: { real_name: 'DocSpace Groups', display_name: BOT_NAME, bot_id: identity.botId },
  };
}

export const authTest: MethodHandler = (_args, { identity }) => ({
  ok: true,
  url: 'https://fake-workspace.slack.com/',
  team: 'Fake Workspace',
  user: BOT_NAME,
  team_id: identity.teamId,
  user_id: identity.botUserId,
  bot_id: identity.botId,
  is_enterprise_install: false,
});

export const usersInfo: MethodHandler = (args, { identity }) => {
  const userId = stringArg(args, 'user');
  if (userId === undefined) return fail('user_not_found');
  if (userId === identity.botUserId) return { ok: true, user: botUser(identity) };
  const person = findSlackPerson(identity, userId);
  if (person === undefined) return fail('user_not_found');
  return { ok: true, user: toSlackUser(person, userId, identity.teamId) };
};

// Slack matches e-mails case-insensitively and hides deactivated accounts from this method (users_not_found).
export const usersLookupByEmail: MethodHandler = (args, { identity }) => {
  const email = stringArg(args, 'email')?.toLowerCase();
  if (email === undefined) return fail('invalid_arguments');
  const person = identity.people.find((p) => p.slack !== undefined && p.email?.toLowerCase() === email);
  if (person?.slack === undefined || person.slack.deleted === true) return fail('users_not_found');
  return { ok: true, user: toSlackUser(person, person.slack.id, identity.teamId) };
};
