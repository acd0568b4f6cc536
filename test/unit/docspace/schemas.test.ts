import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeHtmlEntities,
  envelopes,
  errorEnvelopeSchema,
  formatIssues,
  userSchema,
  validationEnvelopeSchema,
} from '../../../src/docspace/schemas.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/docspace/${name}`, import.meta.url), 'utf8'));

const employee = (overrides: Record<string, unknown> = {}) => ({
  id: 'dddd0003-0000-4000-8000-000000000003',
  displayName: 'Bob Baker',
  firstName: 'Bob',
  lastName: 'Baker',
  email: 'bob@example.com',
  status: 1,
  isOwner: false,
  isAdmin: false,
  isRoomAdmin: false,
  isVisitor: false,
  ...overrides,
});

function issuesOf(result: { success: boolean; error?: Parameters<typeof formatIssues>[0] }): string {
  if (result.success || result.error === undefined) throw new Error('expected the parse to fail');
  return formatIssues(result.error);
}

describe('group envelopes', () => {
  it('parse a write response into a Group whose ids are lower-cased', () => {
    const group = envelopes.group.parse(fixture('group-with-members.json')).response;
    expect(group.id).toBe('8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60');
  });

  it('map the manager and members to domain users with lower-cased emails', () => {
    const group = envelopes.group.parse(fixture('group-with-members.json')).response;
    expect(group.manager).toEqual({
      id: 'dddd0002-0000-4000-8000-000000000002',
      displayName: 'Alice Archer',
      email: 'alice@example.com',
      status: 'active',
      type: 'user',
    });
  });

  it('decode HTML-encoded display names of members', () => {
    const group = envelopes.group.parse(fixture('group-with-members.json')).response;
    expect(group.members.map((member) => member.displayName)).toContain('Hal <!channel> & Co');
  });

  it('map an invited member (status 4) to pending', () => {
    const group = envelopes.group.parse(fixture('group-with-members.json')).response;
    expect(group.members.find((member) => member.email === 'pat@example.com')?.status).toBe('pending');
  });

  it('parse a list into summaries without members and take total from the envelope', () => {
    const envelope = envelopes.groupSummaries.parse(fixture('group-list.json'));
    expect({ total: envelope.total, keys: Object.keys(envelope.response[0] ?? {}).sort() }).toEqual({
      total: 7,
      keys: ['id', 'manager', 'membersCount', 'name'],
    });
  });

  it('give a group without a manager field a null manager', () => {
    const envelope = envelopes.groupSummaries.parse(fixture('group-list.json'));
    expect(envelope.response[1]?.manager).toBeNull();
  });

  it('give a group without members an empty member list and a count from the list length', () => {
    const body = { response: { id: '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60', name: 'Empty' }, status: 0 };
    expect(envelopes.group.parse(body).response).toMatchObject({ members: [], membersCount: 0, manager: null });
  });

  it('report a non-GUID member id with the path to it', () => {
    const body = fixture('group-with-members.json') as { response: { members: { id: string }[] } };
    const member = body.response.members[1];
    if (member) member.id = 'not-a-guid';
    expect(issuesOf(envelopes.group.safeParse(body))).toContain(
      'response.members[1].id: not a user GUID: "not-a-guid"',
    );
  });

  it('report a renamed id field as missing', () => {
    const body = { response: [{ Id: '8f0b3c1e-2d4a-4c55-9a3e-1b2c3d4e5f60', name: 'x' }], status: 0 };
    expect(issuesOf(envelopes.groupSummaries.safeParse(body))).toMatch(/^response\[0\]\.id: /);
  });

  it('refuse a body whose status is 1 as a success envelope', () => {
    expect(envelopes.group.safeParse(fixture('error-group-not-found.json')).success).toBe(false);
  });
});

describe('userSchema', () => {
  it.each([
    [{ isOwner: true }, 'owner'],
    [{ isAdmin: true }, 'admin'],
    [{ isRoomAdmin: true }, 'room_admin'],
    [{ isVisitor: true }, 'guest'],
    [{}, 'user'],
  ])('maps the flags %j to the type %s', (flags, type) => {
    expect(userSchema.parse(employee(flags)).type).toBe(type);
  });

  it.each([
    [1, 'active'],
    [2, 'disabled'],
    [4, 'pending'],
  ])('maps status %i to %s', (status, expected) => {
    expect(userSchema.parse(employee({ status })).status).toBe(expected);
  });

  it('treats an omitted email as null', () => {
    const { email: _email, ...withoutEmail } = employee();
    expect(userSchema.parse(withoutEmail).email).toBeNull();
  });

  it('builds the display name from first and last name when displayName is omitted', () => {
    const { displayName: _name, ...withoutName } = employee();
    expect(userSchema.parse(withoutName).displayName).toBe('Bob Baker');
  });

  it('maps the owner returned by @self, ignoring self-only fields', () => {
    const self = envelopes.user.parse(fixture('self-owner.json')).response;
    expect(self).toEqual({
      id: 'dddd0001-0000-4000-8000-000000000001',
      displayName: 'Olivia Owner',
      email: 'olivia.owner@example.com',
      status: 'active',
      type: 'owner',
    });
  });

  it('reports an unknown status value readably', () => {
    expect(issuesOf(userSchema.safeParse(employee({ status: 7 })))).toMatch(/^status: /);
  });

  it('refuses the empty GUID as a user id', () => {
    expect(userSchema.safeParse(employee({ id: '00000000-0000-0000-0000-000000000000' })).success).toBe(false);
  });
});

describe('failure envelopes', () => {
  it('read the message of an error envelope and ignore type, stack and hresult', () => {
    expect(errorEnvelopeSchema.parse(fixture('error-group-not-found.json'))).toEqual({
      error: { message: 'The group could not be found' },
      status: 1,
      statusCode: 404,
    });
  });

  it('read the field errors of a validation-problem envelope', () => {
    const parsed = validationEnvelopeSchema.parse(fixture('validation-group-name.json'));
    expect(Object.keys(parsed.response.errors ?? {})).toEqual(['GroupName']);
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes the named entities DocSpace emits', () => {
    expect(decodeHtmlEntities('Hal &lt;!channel&gt; &amp; &quot;Co&quot; &apos;s')).toBe('Hal <!channel> & "Co" \'s');
  });

  it('decodes decimal numeric references such as the apostrophe in O&#39;Neil', () => {
    expect(decodeHtmlEntities('Carol O&#39;Neil, Zo&#235;')).toBe("Carol O'Neil, Zoë");
  });

  it('decodes hexadecimal numeric references in either case', () => {
    expect(decodeHtmlEntities('O&#x27;Brien &#X1F600;')).toBe("O'Brien 😀");
  });

  it('decodes in a single pass so an encoded entity stays an entity', () => {
    expect(decodeHtmlEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });

  it('leaves unknown named entities and invalid code points untouched', () => {
    expect(decodeHtmlEntities('a&nbsp;b &#0; &#xD800; &#1114112; & c')).toBe('a&nbsp;b &#0; &#xD800; &#1114112; & c');
  });

  it('returns text without ampersands unchanged', () => {
    expect(decodeHtmlEntities('Plain Name')).toBe('Plain Name');
  });
});
