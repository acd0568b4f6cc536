import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../src/slack/parse/command.js';

const parsed = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const problem = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`parsed: ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('parseCommand: review', () => {
  it('reads a review of one group, with or without a reviewer', () => {
    expect(parsed('review "Finance Team"')).toEqual({
      kind: 'review',
      review: { kind: 'start', group: { kind: 'name', name: 'Finance Team' }, reviewer: null },
    });
    expect(parsed('review Finance <@U0ALICE001|alice>')).toEqual({
      kind: 'review',
      review: { kind: 'start', group: { kind: 'name', name: 'Finance' }, reviewer: 'U0ALICE001' },
    });
  });

  it('reads all, status and cancel with a review id; a group called "all" goes in quotes', () => {
    expect(parsed('review all')).toEqual({ kind: 'review', review: { kind: 'all' } });
    expect(parsed('review STATUS')).toEqual({ kind: 'review', review: { kind: 'status' } });
    expect(parsed('review cancel v0123456789AB')).toEqual({
      kind: 'review',
      review: { kind: 'cancel', id: 'V0123456789AB' },
    });
    expect(parsed('review "all"')).toMatchObject({ review: { kind: 'start', group: { kind: 'name', name: 'all' } } });
  });

  it('refuses a missing group, a cancel without a proper id, a reviewer that is not a mention and extra words', () => {
    expect(problem('review')).toMatchObject({ code: 'missing_argument' });
    expect(problem('review cancel')).toMatchObject({ code: 'missing_argument' });
    expect(problem('review cancel R123')).toMatchObject({ code: 'unexpected_argument' });
    expect(problem('review Finance bob@example.com').message).toContain('Usage: /docspace-group review');
    expect(problem('review Finance <@U0ALICE001> <@U0BOB00001>')).toMatchObject({ code: 'unexpected_argument' });
    expect(problem('review all now')).toMatchObject({ code: 'unexpected_argument' });
  });

  it('takes no reason: reviews are not changes', () => {
    expect(problem('review Finance reason: yearly')).toMatchObject({ code: 'unexpected_argument' });
  });
});
