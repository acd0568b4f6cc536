import type { FixturePerson } from '../../fixtures/people.js';

type FakeUserType = 'owner' | 'admin' | 'room_admin' | 'user' | 'guest';
type FakeUserStatus = 'active' | 'pending' | 'disabled';

export interface FakeDocSpaceUser {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  type: FakeUserType;
  status: FakeUserStatus;
}

export interface FakeGroupState {
  id: string;
  name: string;
  managerId: string | null;
  memberIds: string[];
  removed: boolean;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. '/api/2.0/group/…'. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or null when there was no body. */
  body: unknown;
  /** Final HTTP status; 0 when the socket was dropped or the request is still in flight. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeDocSpaceOptions {
  /** Default: ALL_PEOPLE from test/fixtures/people.ts; only people with `docspace` become users. */
  people?: readonly FixturePerson[];
  /** Fixed port (e.g. for the standalone CLI); default 0 = ephemeral. */
  port?: number;
  /** Email lookup is case-insensitive like MySQL (DocSpace Cloud); true models PostgreSQL installs. */
  emailCaseSensitive?: boolean;
}

export interface ApiKeyOptions {
  /** API key scopes, e.g. ['accounts:read']; empty or ['*'] means full access (the default). */
  scopes?: readonly string[];
}

/** Internal user record: the public shape plus what the DTOs need. */
export interface UserRecord extends FakeDocSpaceUser {
  userName: string;
  registrationDate: string;
}
