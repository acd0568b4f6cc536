import { describe, expect, it } from 'vitest';
import { CARD_POST_PROBLEMS, type CardPostProblem } from '../../../src/domain/model/card.js';
import { submitMessage } from '../../../src/slack/listeners/context.js';
import { cardNotPostedText } from '../../../src/slack/messages.js';
import { makeRequest } from './views/builders.js';

// A requester whose card did not post is told the truth: saved, not in the channel, posted later, and decidable now
// from `requests`; never "approvers can see it in the channel".

// Every problem the notifier can report, so one added later is covered too.
const PROBLEMS: readonly CardPostProblem[] = CARD_POST_PROBLEMS;

describe('cardNotPostedText', () => {
  it.each(PROBLEMS)(
    'says, for %s, that the request is saved, posted again later and decidable with `requests`',
    (p) => {
      const text = cardNotPostedText('R0000000001', p);
      expect(text).toMatch(
        /^:warning: Your request `R0000000001` is saved, but I could not post it to the approvals channel \(/,
      );
      expect(text).toContain('I will post it again on my own');
      expect(text).toContain('approvers can approve or deny it with `/docspace-group requests`');
      expect(text).not.toMatch(/<#C/);
    },
  );

  it('says the admins were told only for problems of the channel itself', () => {
    const told = PROBLEMS.filter((p) => cardNotPostedText('R0000000001', p).includes('admins have been told'));
    expect(told).toEqual(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted']);
  });

  it('says the card is not posted yet when no try has failed (another is under way)', () => {
    expect(cardNotPostedText('R0000000001', null)).toContain('Its card is not in the approvals channel yet');
  });
});

describe('submitMessage for a filed request', () => {
  it('points to the card when it was posted, and never to the channel when it was not', () => {
    const request = makeRequest({ status: 'pending' });
    const posted = submitMessage({ ok: true, value: { kind: 'requested', request, created: true, cardError: null } });
    const missing = submitMessage({
      ok: true,
      value: { kind: 'requested', request: { ...request, card: null }, created: false, cardError: null },
    });
    expect([posted.text, missing.text]).toEqual([
      expect.stringContaining('is waiting for approval in <#C0APPROVE1>'),
      expect.stringContaining('Its card is not in the approvals channel yet'),
    ]);
  });
});
