import type { ChannelAlert, ChannelProblem } from '../../domain/index.js';
import { COMMAND } from '../ids.js';
import { channelLink, context, esc, mention, message, type SlackMessage, section } from './blocks.js';

// What admins are told, once per channel problem, when approval cards cannot be posted: what is wrong, the fix, and
// that nothing is lost meanwhile.

function fixOf(problem: ChannelProblem, channel: string, bot: string, channelId: string): string {
  switch (problem) {
    case 'not_in_channel':
      return `I am not a member of ${channel}. *Fix:* invite me: open ${channel} and type \`/invite ${bot}\`.`;
    case 'channel_not_found':
      return (
        `\`APPROVAL_CHANNEL_ID\` (\`${esc(channelId, 40)}\`) names no channel I can see: it was deleted, the id is ` +
        `mistyped, or it is a private channel I am not in. *Fix:* invite me to the channel (\`/invite ${bot}\`), ` +
        'or set `APPROVAL_CHANNEL_ID` to the id of a channel I am in and restart the bot.'
      );
    case 'is_archived':
      return `${channel} is archived. *Fix:* unarchive it, or set \`APPROVAL_CHANNEL_ID\` to another channel and restart the bot.`;
    case 'restricted':
      return `${channel} does not let me post. *Fix:* allow apps to post there, or set \`APPROVAL_CHANNEL_ID\` to another channel.`;
  }
}

/** The DM to each configured admin when approval cards cannot be posted in the approvals channel. */
export function buildChannelAlertDm(alert: ChannelAlert, botUserId: string | null): SlackMessage {
  const channel = channelLink(alert.channelId);
  const bot = botUserId ? mention(botUserId) : '@the bot';
  const head = `:warning: I cannot post approval cards in ${channel}.`;
  const fix = fixOf(alert.problem, channel, bot, alert.channelId);
  return message(`${head} ${fix}`, [
    section(head),
    section(fix),
    context(
      `Nothing is lost: requests stay pending and I post their cards again on my own once the channel works. ` +
        `Until then approvers can approve or deny them with \`${COMMAND} requests\`. Slack said: ${alert.problem}. ` +
        'I tell you once per problem.',
    ),
  ]);
}
