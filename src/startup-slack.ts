import { ErrorCode, type WebClient } from '@slack/web-api';
import {
  type CheckResult,
  failed,
  isDnsFailure,
  networkCodeOf,
  passed,
  type StartupProblem,
} from './startup-problems.js';

// The Slack half of the start-up checks: the bot token with auth.test, the app-level token with apps.connections.open.
// "Slack could not be reached" (DNS, network, an answer that is not the Web API's) is told apart from "Slack answered
// and rejected the token", because the fixes differ: the network, or a new token.

export interface SlackAuth {
  readonly botId: string;
  readonly botUserId: string;
  readonly teamId: string | null;
}

/** How a Web API call failed, from the SDK's typed errors (never from their wording). */
type SlackCallFailure =
  | { readonly kind: 'rejected'; readonly error: string }
  | { readonly kind: 'unreachable'; readonly code: string | null }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'rate_limited' };

function classify(error: unknown): SlackCallFailure {
  const coded = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  switch (coded.code) {
    case ErrorCode.PlatformError:
      return { kind: 'rejected', error: String(coded.data?.error ?? 'unknown_error') };
    case ErrorCode.HTTPError:
      return { kind: 'http', status: Number(coded.statusCode) };
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited' };
    default:
      return { kind: 'unreachable', code: networkCodeOf(error) };
  }
}

/** Why Slack rejected a token, by the error code auth.test or apps.connections.open answered. */
const REJECTION: Readonly<Record<string, string>> = {
  invalid_auth: 'Slack does not know this token (invalid_auth): it is mistyped, incomplete or from another app',
  not_authed: 'Slack received no token (not_authed)',
  token_revoked: 'the token was revoked (token_revoked): the app was uninstalled or the token regenerated',
  token_expired: 'the token has expired (token_expired): token rotation is on for this app',
  account_inactive: 'the token belongs to a deactivated user or workspace (account_inactive)',
  not_allowed_token_type: 'it is the wrong kind of token (not_allowed_token_type)',
  missing_scope: 'the token lacks a scope this call needs (missing_scope)',
  invalid_token: 'the token is malformed (invalid_token)',
};

interface TokenCheck {
  readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';
  /** What to do when Slack rejected the token. */
  readonly fix: string;
  /** SLACK_API_URL, when it is set. */
  readonly apiUrl: string | null;
}

const BOT_TOKEN: Omit<TokenCheck, 'apiUrl'> = {
  variable: 'SLACK_BOT_TOKEN',
  fix:
    "Copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page; if the app was " +
    'uninstalled, install it to the workspace again first.',
};

const APP_TOKEN: Omit<TokenCheck, 'apiUrl'> = {
  variable: 'SLACK_APP_TOKEN',
  fix:
    "Create an app-level token with the connections:write scope (the app's Basic Information page > App-Level " +
    'Tokens), make sure Socket Mode is on, and set it here; or leave SLACK_APP_TOKEN empty to use HTTP mode.',
};

function hostOf(apiUrl: string | null): string {
  try {
    return new URL(apiUrl ?? 'https://slack.com/api/').host;
  } catch {
    return 'Slack';
  }
}

/** The problem for a failed call, naming the variable; the token itself is never part of it. */
function slackProblem(failure: SlackCallFailure, check: TokenCheck): StartupProblem {
  const { variable, apiUrl } = check;
  const host = hostOf(apiUrl);
  switch (failure.kind) {
    case 'rejected': {
      const why = REJECTION[failure.error] ?? `Slack answered "${failure.error}"`;
      return { variable, message: `Slack rejected the token: ${why}. ${check.fix}` };
    }
    case 'unreachable': {
      const how = isDnsFailure(failure.code)
        ? `DNS ${failure.code}: the name does not resolve`
        : `network: ${failure.code ?? 'no answer'}`;
      const where = apiUrl ? ', the proxy or firewall, and SLACK_API_URL' : ', the proxy or firewall';
      return {
        variable,
        message: `could not be checked: cannot reach Slack at ${host} (${how}). Check this machine's network, DNS${where}; Slack has not rejected the token.`,
      };
    }
    case 'http':
      return apiUrl
        ? {
            variable: 'SLACK_API_URL',
            message: `${host} answered HTTP ${failure.status}, not like the Slack Web API, so ${variable} could not be checked. Set SLACK_API_URL to the Web API's base URL (e.g. https://slack-gov.com/api/), or leave it empty for Slack's own.`,
          }
        : {
            variable,
            message: `could not be checked: Slack answered HTTP ${failure.status} (a proxy in the way, or Slack is having trouble: https://slack-status.com). Try again later.`,
          };
    case 'rate_limited':
      return { variable, message: 'could not be checked: Slack is rate-limiting this app. Try again in a minute.' };
  }
}

/** auth.test with the bot token: the ids it returns spare Bolt its own call. */
export async function checkSlackBotToken(client: WebClient, apiUrl: string | null): Promise<CheckResult<SlackAuth>> {
  try {
    const auth = await client.auth.test();
    if (!auth.user_id) {
      return failed({
        variable: 'SLACK_BOT_TOKEN',
        message: `Slack's auth.test returned no bot user for this token. ${BOT_TOKEN.fix}`,
      });
    }
    return passed({ botId: auth.bot_id ?? '', botUserId: auth.user_id, teamId: auth.team_id ?? null });
  } catch (error) {
    return failed(slackProblem(classify(error), { ...BOT_TOKEN, apiUrl }));
  }
}

/**
 * apps.connections.open with the app-level token, the call Socket Mode starts with: a wrong token fails here with a
 * message naming SLACK_APP_TOKEN, not later as a bare invalid_auth from the socket client. The URL it returns is
 * left unused (Slack lets it expire).
 */
export async function checkSlackAppToken(client: WebClient, apiUrl: string | null): Promise<CheckResult<null>> {
  try {
    await client.apps.connections.open();
    return passed(null);
  } catch (error) {
    return failed(slackProblem(classify(error), { ...APP_TOKEN, apiUrl }));
  }
}
