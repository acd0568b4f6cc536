import { describe, expect, it } from 'vitest';
import type { DocSpaceUser } from '../../../src/domain/model/group.js';
import { type Actor, mayCancel, mayDecide, type Role, roleOf, routeSubmission } from '../../../src/domain/policy.js';
import { docspaceUserOf, makeChangeRequest, makePolicy, slackIdOf } from '../../helpers/domain-fakes.js';

const actor = (slackUserId: Actor['slackUserId'], docspace: DocSpaceUser | null): Actor => ({ slackUserId, docspace });

describe('roleOf', () => {
  const cases: Array<{ who: string; trust: boolean; actor: Actor; role: Role }> = [
    {
      who: 'an admin named in the config, even unmapped',
      trust: false,
      actor: actor(slackIdOf('owner'), null),
      role: 'admin',
    },
    {
      who: 'the DocSpace owner when DocSpace admins are trusted',
      trust: true,
      actor: actor(slackIdOf('alice'), docspaceUserOf('owner')),
      role: 'admin',
    },
    {
      who: 'a DocSpace admin when DocSpace admins are trusted',
      trust: true,
      actor: actor(slackIdOf('erin'), docspaceUserOf('erin')),
      role: 'admin',
    },
    {
      who: 'a DocSpace admin when DocSpace admins are not trusted',
      trust: false,
      actor: actor(slackIdOf('erin'), docspaceUserOf('erin')),
      role: 'requester',
    },
    {
      who: 'a DocSpace room admin when DocSpace admins are trusted',
      trust: true,
      actor: actor(slackIdOf('bob'), docspaceUserOf('carol')),
      role: 'requester',
    },
    {
      who: 'an approver named in the config',
      trust: false,
      actor: actor(slackIdOf('carol'), docspaceUserOf('carol')),
      role: 'approver',
    },
    {
      who: 'an approver named in the config, even unmapped',
      trust: true,
      actor: actor(slackIdOf('dave'), null),
      role: 'approver',
    },
    {
      who: 'a mapped user with no listed role',
      trust: true,
      actor: actor(slackIdOf('alice'), docspaceUserOf('alice')),
      role: 'requester',
    },
    { who: 'an unmapped user with no listed role', trust: true, actor: actor(slackIdOf('sam'), null), role: 'none' },
  ];

  it.each(cases)('gives $who the role $role', ({ trust, actor: who, role }) => {
    expect(roleOf(makePolicy({ trustDocSpaceAdmins: trust }), who)).toBe(role);
  });
});

describe('routeSubmission', () => {
  it('lets an admin execute a change directly, with no reason and no approvals channel', () => {
    const policy = makePolicy({ approvalChannelId: null, requireReason: true });
    expect(routeSubmission(policy, 'admin', null)).toEqual({ route: 'execute' });
  });

  it.each<Role>(['requester', 'approver'])('turns a change by a %s into a request', (role) => {
    expect(routeSubmission(makePolicy(), role, null)).toEqual({ route: 'request' });
  });

  it('refuses an unmapped user as not authorized', () => {
    expect(routeSubmission(makePolicy(), 'none', 'please')).toEqual({
      route: 'refuse',
      failure: { code: 'not_authorized', action: 'request_changes' },
    });
  });

  it('refuses a requester when no approvals channel is configured', () => {
    const policy = makePolicy({ approvalChannelId: null });
    expect(routeSubmission(policy, 'requester', 'please')).toEqual({
      route: 'refuse',
      failure: { code: 'approvals_not_configured' },
    });
  });

  it.each([null, '', '   '])('refuses a requester whose reason is %j when reasons are required', (reason) => {
    const policy = makePolicy({ requireReason: true });
    expect(routeSubmission(policy, 'requester', reason)).toEqual({
      route: 'refuse',
      failure: { code: 'reason_required' },
    });
  });

  it('accepts a requester who gives a reason when reasons are required', () => {
    expect(routeSubmission(makePolicy({ requireReason: true }), 'requester', 'new project')).toEqual({
      route: 'request',
    });
  });
});

describe('mayDecide', () => {
  const request = makeChangeRequest({ requesterIds: [slackIdOf('alice'), slackIdOf('carol')] });

  it('lets an approver decide a request someone else asked for', () => {
    expect(mayDecide('approver', slackIdOf('dave'), request)).toBeNull();
  });

  it('lets an admin decide a request someone else asked for', () => {
    expect(mayDecide('admin', slackIdOf('owner'), request)).toBeNull();
  });

  it('refuses an approver who is one of the requesters as self-approval', () => {
    expect(mayDecide('approver', slackIdOf('carol'), request)).toEqual({ code: 'self_approval' });
  });

  it('refuses an admin who is one of the requesters as self-approval', () => {
    expect(mayDecide('admin', slackIdOf('alice'), request)).toEqual({ code: 'self_approval' });
  });

  it.each<Role>(['requester', 'none'])('refuses a %s as not an approver', (role) => {
    expect(mayDecide(role, slackIdOf('bob'), request)).toEqual({ code: 'not_approver' });
  });
});

describe('mayCancel', () => {
  const request = makeChangeRequest({ requesterIds: [slackIdOf('alice'), slackIdOf('bob')] });

  it('lets the original requester cancel', () => {
    expect(mayCancel(slackIdOf('alice'), request)).toBeNull();
  });

  it('lets a requester who joined later cancel', () => {
    expect(mayCancel(slackIdOf('bob'), request)).toBeNull();
  });

  it('refuses anyone who did not ask, even an admin', () => {
    expect(mayCancel(slackIdOf('owner'), request)).toEqual({ code: 'not_requester' });
  });
});
