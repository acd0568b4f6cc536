import type { DocSpaceGateway, DocSpaceUser, GatewayError } from './domain/index.js';
import { DOCSPACE_KEY_SCOPES, isDocSpaceAdmin, isGatewayError } from './domain/index.js';
import {
  type CheckResult,
  failed,
  isDnsFailure,
  networkCodeOf,
  passed,
  type StartupProblem,
} from './startup-problems.js';

// The DocSpace half of the start-up checks: who the key is (GET /people/@self) and whether it may read groups (a
// GET /group of one item), side by side. A key without accounts:read passes the first and fails the second, so it is
// refused here instead of on a user's first command. A portal that does not answer only warns: it may be down for a
// moment, and the bot starts and reports it in its readiness instead.

export type DocSpaceState = 'ok' | 'unreachable';

const SCOPES = DOCSPACE_KEY_SCOPES.join(' and ');
const NEW_KEY =
  `Create a key as the DocSpace owner or an admin (Settings > Developer Tools > API keys) with the scopes ${SCOPES}, ` +
  'and set it as DOCSPACE_API_KEY.';

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => {
      // Anything but an adapter error is a bug, not an answer from DocSpace.
      if (!isGatewayError(error)) throw error;
      return { ok: false as const, error };
    },
  );

function unreachable(origin: string, error: GatewayError): StartupProblem {
  const code = networkCodeOf(error);
  const why = isDnsFailure(code) ? `its host name does not resolve (${code}); check DOCSPACE_URL` : error.code;
  return {
    variable: 'DOCSPACE_URL',
    message: `DocSpace at ${origin} cannot be checked right now (${why}). Starting anyway: group commands fail until it answers.`,
  };
}

function forbidden(self: DocSpaceUser | null, peopleRefused: boolean): StartupProblem {
  const what = peopleRefused ? 'read people (GET /api/2.0/people/@self' : 'read groups (GET /api/2.0/group';
  const why =
    self && !isDocSpaceAdmin(self)
      ? `it belongs to a DocSpace ${self.type.replace('_', ' ')}, not the owner or an admin, or it lacks the accounts:read scope`
      : 'it lacks the accounts:read scope';
  return {
    variable: 'DOCSPACE_API_KEY',
    message: `DocSpace does not let this key ${what} answered 403): ${why}. ${NEW_KEY}`,
  };
}

/** Both reads at once; every answer is explained, the key is never repeated. */
export async function checkDocSpaceKey(docspace: DocSpaceGateway, origin: string): Promise<CheckResult<DocSpaceState>> {
  const [self, groups] = await Promise.all([settle(docspace.getSelf()), settle(docspace.listGroups({ count: 1 }))]);
  const errors = [self, groups].flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.some((e) => e.code === 'unauthorized')) {
    return failed({
      variable: 'DOCSPACE_API_KEY',
      message: `DocSpace rejected the key (401): it is mistyped, expired or revoked, or its user is disabled. ${NEW_KEY}`,
    });
  }
  if (errors.some((e) => e.code === 'not_found')) {
    return failed({
      variable: 'DOCSPACE_URL',
      message: `${origin} answered 404 to the DocSpace API (/api/2.0/…): it does not look like a DocSpace portal. Set DOCSPACE_URL to your portal's address.`,
    });
  }
  const me = self.ok ? self.value : null;
  if (errors.some((e) => e.code === 'forbidden')) {
    return failed(forbidden(me, !self.ok && self.error.code === 'forbidden'));
  }
  const down = errors[0];
  if (down) return passed('unreachable', [unreachable(origin, down)]);
  if (me && !isDocSpaceAdmin(me)) {
    return passed('ok', [
      {
        variable: 'DOCSPACE_API_KEY',
        message: `the key belongs to a DocSpace ${me.type.replace('_', ' ')}, not the owner or an admin: DocSpace will refuse group changes. ${NEW_KEY}`,
      },
    ]);
  }
  return passed('ok');
}
