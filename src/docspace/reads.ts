import type { DocSpaceGateway, DocSpaceUser, Group, GroupSummary, ListGroupsQuery } from '../domain/index.js';
import type { Caller } from './client.js';
import { DocSpaceUnexpectedResponseError } from './errors.js';
import {
  endpoints,
  ID,
  type RequestInfo,
  requireEmail,
  requireGroupId,
  requireGroupName,
  requireListQuery,
  requireText,
  requireUserId,
} from './requests.js';
import { envelopes } from './schemas.js';

/** The read half of the gateway: people lookups and group listings (GETs, retried by the loop in transport.ts). */

type ReadOperations = Pick<
  DocSpaceGateway,
  'getSelf' | 'getUserByEmail' | 'getUserById' | 'searchPeople' | 'listGroups' | 'findGroupsByName' | 'getGroup'
>;

type Signal = AbortSignal | undefined;

const PAGE_SIZE = 100;
/** 50,000 groups: a server that never reports the end must not keep us paging forever. */
const MAX_PAGES = 500;

const get = (operation: string, path: string): RequestInfo => ({ operation, method: 'GET', path });

async function getUserByEmail({ call }: Caller, email: string, signal: Signal): Promise<DocSpaceUser> {
  const info = get('getUserByEmail', endpoints.personByEmail());
  const query = { email: requireEmail(info, email) };
  return (await call({ ...info, query, signal }, envelopes.user)).response;
}

async function getUserById({ call }: Caller, id: string, signal: Signal): Promise<DocSpaceUser> {
  const userId = requireUserId(get('getUserById', endpoints.person(ID)), id, 'user id');
  return (await call({ ...get('getUserById', endpoints.person(userId)), signal }, envelopes.user)).response;
}

async function searchPeople({ call }: Caller, text: string, signal: Signal): Promise<DocSpaceUser[]> {
  const info = get('searchPeople', endpoints.peopleSearch());
  const query = { query: requireText(info, text, 'search query') };
  return (await call({ ...info, query, signal }, envelopes.users)).response;
}

async function listGroups({ call }: Caller, options: ListGroupsQuery, signal: Signal) {
  const info = get('listGroups', endpoints.groups());
  const query = requireListQuery(info, options);
  const { response, total } = await call({ ...info, query: { ...query }, signal }, envelopes.groupSummaries);
  return { groups: response, total: total ?? (query.startIndex ?? 0) + response.length };
}

/** Pages through the case-insensitive substring filter and keeps exact, case-sensitive name matches. */
async function findGroupsByName({ call }: Caller, rawName: string, signal: Signal): Promise<GroupSummary[]> {
  const info = get('findGroupsByName', endpoints.groups());
  const name = requireGroupName(info, rawName);
  const matches = new Map<string, GroupSummary>();
  for (let startIndex = 0, page = 0; ; page += 1) {
    if (page >= MAX_PAGES) throw new DocSpaceUnexpectedResponseError(`paging did not end after ${page} pages`, info);
    const query = { filterValue: name, count: PAGE_SIZE, startIndex };
    const { response, total } = await call({ ...info, query, signal }, envelopes.groupSummaries);
    for (const group of response) if (group.name === name && !matches.has(group.id)) matches.set(group.id, group);
    startIndex += response.length;
    const done = total == null ? response.length < PAGE_SIZE : startIndex >= total;
    if (response.length === 0 || done) return [...matches.values()];
  }
}

async function getGroup({ call }: Caller, id: string, includeMembers: boolean, signal: Signal): Promise<Group> {
  const groupId = requireGroupId(get('getGroup', endpoints.group(ID)), id);
  const request = { ...get('getGroup', endpoints.group(groupId)), query: { includeMembers }, signal };
  return (await call(request, envelopes.group)).response;
}

export function createReadOperations(caller: Caller): ReadOperations {
  return {
    getSelf: async (signal) =>
      (await caller.call({ ...get('getSelf', endpoints.self()), signal }, envelopes.user)).response,
    getUserByEmail: (email, signal) => getUserByEmail(caller, email, signal),
    getUserById: (id, signal) => getUserById(caller, id, signal),
    searchPeople: (text, signal) => searchPeople(caller, text, signal),
    listGroups: (options = {}, signal = undefined) => listGroups(caller, options, signal),
    findGroupsByName: (name, signal) => findGroupsByName(caller, name, signal),
    getGroup: (id, options = {}, signal = undefined) => getGroup(caller, id, options.includeMembers ?? true, signal),
  };
}
