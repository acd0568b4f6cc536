import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { SlackUserId } from '../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../src/domain/model/mapping.js';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { type FixturePerson, type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { TEAM } from '../../helpers/domain-people.js';
import { type Harness, type HarnessOptions, startHarness } from '../../helpers/harness.js';

/** Shared set-up for the identity end-to-end tests: doubles and a database that outlive one app instance. */

const PEOPLE_PATH = '/api/2.0/people/';

export interface Doubles {
  readonly docspace: FakeDocSpace;
  readonly slack: FakeSlack;
  readonly databaseUrl: string;
}

/** A DocSpace and a Slack double plus a SQLite file, all removed when the test ends. */
export async function startDoubles(people?: readonly FixturePerson[]): Promise<Doubles> {
  const docspace = await startFakeDocSpace(people ? { people } : {});
  onTestFinished(() => docspace.close());
  const slack = await startFakeSlack({ teamId: TEAM_ID, ...(people ? { people } : {}) });
  onTestFinished(() => slack.close());
  const dir = mkdtempSync(join(tmpdir(), 'dsg-identity-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { docspace, slack, databaseUrl: `sqlite:${join(dir, 'bot.sqlite')}` };
}

/** An app instance on the shared doubles, stopped when the test ends (stopping twice is harmless). */
export async function startApp(doubles: Doubles, options: Omit<HarnessOptions, keyof Doubles> = {}): Promise<Harness> {
  const harness = await startHarness({ ...options, ...doubles });
  onTestFinished(() => harness.close());
  return harness;
}

/** Every `text` string in a reply (the fallback text first, then the blocks'), one per line. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'text' && typeof v === 'string' ? [v] : textsOf(v)));
}

/** Sends a command and returns the first reply's texts (fallback and blocks) joined by line breaks. */
export async function say(h: Harness, who: PersonHandle | string, text: string): Promise<string> {
  const { ack, responseId } = await h.command(who, text);
  if (ack.status !== 200) throw new Error(`the app answered the command with HTTP ${ack.status}`);
  return textsOf(await h.reply(responseId)).join('\n');
}

export function mappingOf(h: Harness, who: PersonHandle | string): Promise<UserMapping | null> {
  return h.container.storage.mappings.get(TEAM, slackIdOf(who) as SlackUserId);
}

/** DocSpace people requests (look-ups by email or id; the start-up `@self` check excluded). */
export function peopleRequests(docspace: FakeDocSpace) {
  return docspace.requests.filter((r) => r.path.startsWith(PEOPLE_PATH) && r.path !== `${PEOPLE_PATH}@self`);
}

export function usersInfoFor(slack: FakeSlack, userId: string) {
  return slack.callsTo('users.info').filter((c) => c.args['user'] === userId);
}

/** Seeds an empty group named G (the tests' target) and returns its id. */
export function seedGroupG(docspace: FakeDocSpace, memberIds: string[] = []): string {
  return docspace.seedGroup({ name: 'G', memberIds }).id;
}

export interface CountingProxy {
  readonly url: string;
  /** Most requests matching the path prefix that were in flight at the same time. */
  peak(): number;
  /** How many matching requests passed through. */
  count(): number;
}

/**
 * An HTTP proxy in front of a double that counts how many requests under `pathPrefix` are in flight at once
 * (from arrival until the upstream answer has been fully sent back).
 */
export async function startCountingProxy(target: string, pathPrefix: string): Promise<CountingProxy> {
  let inFlight = 0;
  let peak = 0;
  let count = 0;
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const counted = (req.url ?? '').startsWith(pathPrefix);
    if (counted) {
      count += 1;
      peak = Math.max(peak, ++inFlight);
    }
    const done = () => {
      if (counted) inFlight -= 1;
    };
    const options = { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method };
    const forward = request({ ...options, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', done);
    });
    forward.on('error', () => {
      done();
      res.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    peak: () => peak,
    count: () => count,
  };
}
