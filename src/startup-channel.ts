import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ApprovalChannelState } from './domain/index.js';
import { type CheckResult, passed, type StartupProblem } from './startup-problems.js';

// The approvals channel at start-up: conversations.info with the bot token says whether the bot is a member. It only
// warns (the bot still serves: requests stay decidable from `requests`, and cards are re-posted once it is invited);
// the state is also what /healthz and /readyz report, until a card post says otherwise.

const VARIABLE = 'APPROVAL_CHANNEL_ID';
const INVITE = 'invite the bot: type `/invite @<the bot>` in that channel';

function warn(message: string): StartupProblem {
  return { variable: VARIABLE, message };
}

/** The Slack error code of a failed Web API call, if Slack answered one. */
function slackErrorOf(error: unknown): string | null {
  const coded = error as { code?: unknown; data?: { error?: unknown } };
  return coded.code === ErrorCode.PlatformError && typeof coded.data?.error === 'string' ? coded.data.error : null;
}

export async function checkApprovalChannel(
  client: WebClient,
  channelId: string | null,
): Promise<CheckResult<ApprovalChannelState>> {
  if (!channelId) return passed('not_configured');
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    const name = channel?.name ? ` (#${channel.name})` : '';
    if (channel?.is_archived) {
      return passed('archived', [
        warn(
          `${channelId}${name} is archived, so approval cards cannot be posted there; unarchive it or pick another channel.`,
        ),
      ]);
    }
    if (channel?.is_member === false) {
      return passed('not_a_member', [
        warn(
          `the bot is not a member of ${channelId}${name}, so approval cards cannot be posted there: ${INVITE}. ` +
            'Requests are still filed; approvers can decide them with `/docspace-group requests` and the cards are ' +
            'posted once the bot is in the channel.',
        ),
      ]);
    }
    return passed(channel?.is_member === true ? 'member' : 'unknown');
  } catch (error) {
    switch (slackErrorOf(error)) {
      case 'channel_not_found':
        return passed('not_found', [
          warn(
            `${channelId} names no channel the bot can see: the id is mistyped, the channel was deleted, or it is ` +
              `private and the bot is not in it (then ${INVITE}).`,
          ),
        ]);
      case 'missing_scope':
        return passed('unknown', [
          warn(
            'could not check that the bot is a member of the approvals channel: the app lacks the channels:read and ' +
              'groups:read scopes (add them in manifest.yml and reinstall the app).',
          ),
        ]);
      default:
        // A rejected token or an unreachable Slack is reported by the token check; nothing more to add here.
        return passed('unknown');
    }
  }
}
