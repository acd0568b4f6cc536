import { describe, expect, it } from 'vitest';
import { ALL_PEOPLE, type FixturePerson } from '../../fixtures/people.js';
import { say, seedGroupG, startApp, startCountingProxy, startDoubles } from './identity-kit.js';

const EXTRA = 50;

/** 50 extra colleagues with matching Slack and DocSpace accounts. */
function extraPeople(): FixturePerson[] {
  return Array.from({ length: EXTRA }, (_, i) => {
    const n = i + 1;
    const hex = n.toString(16).padStart(4, '0');
    return {
      handle: `extra${n}`,
      firstName: 'Extra',
      lastName: `Person ${n}`,
      email: `extra${n}@example.com`,
      slack: { id: `U0EXTRA${String(n).padStart(3, '0')}` },
      docspace: { id: `eeee${hex}-0000-4000-8000-00000000${hex}`, type: 'user', status: 'active' },
    };
  });
}

describe('resolving a long member list', () => {
  it('adds 50 mentioned people, looking each up once and never more than 8 DocSpace email look-ups at a time', async () => {
    const extra = extraPeople();
    const doubles = await startDoubles([...ALL_PEOPLE, ...extra]);
    const groupId = seedGroupG(doubles.docspace);
    const proxy = await startCountingProxy(doubles.docspace.url, '/api/2.0/people/email');
    const h = await startApp(doubles, { env: { DOCSPACE_URL: proxy.url, DOCSPACE_TIMEOUT_MS: '10000' } });
    doubles.docspace.setLatency(50);
    const mentions = extra.map((p) => `<@${p.slack?.id}>`).join(' ');
    const text = await say(h, 'owner', `add "G" ${mentions}`);
    expect(text).toContain('Updated the members of *G*');
    const members = doubles.docspace.getGroup(groupId)?.memberIds ?? [];
    expect([...members].sort()).toEqual(extra.map((p) => p.docspace?.id).sort());
    const infoFor = doubles.slack
      .callsTo('users.info')
      .map((c) => String(c.args['user']))
      .filter((id) => id.startsWith('U0EXTRA'));
    expect(infoFor).toHaveLength(EXTRA);
    expect(new Set(infoFor).size).toBe(EXTRA);
    // 50 members plus the admin's own first match.
    expect(proxy.count()).toBe(EXTRA + 1);
    expect(proxy.peak()).toBeLessThanOrEqual(8);
    expect(proxy.peak()).toBeGreaterThanOrEqual(4);
  });
});
