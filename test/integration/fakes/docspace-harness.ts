import { onTestFinished } from 'vitest';
import { type FakeDocSpace, type FakeDocSpaceOptions, startFakeDocSpace } from '../../fakes/docspace-server.js';

/** Shared plumbing for the fake DocSpace tests: one fresh server per test, plain fetch calls, JSON shapes. */

export interface UserJson {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string;
  status: number;
  activationStatus: number;
  isOwner: boolean;
  isAdmin: boolean;
  isRoomAdmin: boolean;
  isCollaborator: boolean;
  isVisitor: boolean;
  [extra: string]: unknown;
}

export interface GroupJson {
  id: string;
  name: string;
  manager?: UserJson;
  members?: UserJson[];
  membersCount: number;
  [extra: string]: unknown;
}

export interface Envelope<T> {
  response: T;
  count: number;
  total?: number;
  links: { href: string; action: string }[];
  status: number;
  statusCode: number;
}

export interface ErrorEnvelope {
  error: { message: string; type: string; stack: string; hresult: number };
  status: number;
  statusCode: number;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  errors?: Record<string, string[]>;
  traceId: string;
}

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON (cast to T), undefined when the body is empty or not JSON. */
  json: T;
}

export interface CallOptions {
  /** API key; null sends no Authorization header. Default: the owner's key. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function startFake(options?: FakeDocSpaceOptions): Promise<FakeDocSpace> {
  const fake = await startFakeDocSpace(options);
  onTestFinished(() => fake.close());
  return fake;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** `path` is under /api/2.0, e.g. '/group?count=5'. */
export async function call<T = unknown>(
  fake: FakeDocSpace,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const key = options.key === undefined ? fake.apiKey : options.key;
  if (key !== null) headers['Authorization'] = `Bearer ${key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${fake.url}/api/2.0${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parseJson(text) as T };
}

export interface CreateGroupBody {
  groupName?: unknown;
  groupManager?: unknown;
  members?: unknown;
}

export async function createGroup(fake: FakeDocSpace, body: CreateGroupBody): Promise<ApiResult<Envelope<GroupJson>>> {
  return call<Envelope<GroupJson>>(fake, 'POST', '/group', { body });
}

/** Creates a group over HTTP and returns its id; fails the test if the fake refuses. */
export async function createdGroupId(fake: FakeDocSpace, body: CreateGroupBody): Promise<string> {
  const res = await createGroup(fake, body);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json.response.id;
}

export const memberIdsOf = (group: GroupJson): string[] => (group.members ?? []).map((m) => m.id).sort();
