import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { GroupSummary } from '../../../domain/index.js';
import { groupOption } from '../../views/modal-inputs.js';
import { type ListenerDeps, within } from '../context.js';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Group picker typeahead from DocSpace; answers within Slack's 3 s even when DocSpace is slow (then with no options). */
export async function handleGroupPicker(deps: ListenerDeps, args: Args): Promise<void> {
  const query = (args.options.value ?? '').slice(0, 128);
  let groups: GroupSummary[] = [];
  try {
    const found = await within(deps.services.searchGroups(query), deps.submitDeadlineMs);
    if (found?.ok) groups = found.value;
    else if (found) deps.logger.warn({ failure: found.error }, 'group picker search failed');
  } catch (error) {
    deps.logger.warn({ err: error }, 'group picker search failed');
  }
  await args.ack({ options: groups.slice(0, 100).map(groupOption) });
}
