import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HomeFacts } from '../../../../src/domain/index.js';
import type { IdentityFailure } from '../../../../src/domain/model/failures.js';
import { err, ok } from '../../../../src/domain/model/result.js';
import { escapeMrkdwn } from '../../../../src/slack/escape.js';
import { encodeDeleteValue } from '../../../../src/slack/listeners/buttons.js';
import { failureMessage, plainMessage, submitMessage } from '../../../../src/slack/listeners/context.js';
import * as messages from '../../../../src/slack/messages.js';
import * as alerts from '../../../../src/slack/views/alerts.js';
import * as cards from '../../../../src/slack/views/cards.js';
import * as grants from '../../../../src/slack/views/grants.js';
import * as handovers from '../../../../src/slack/views/handovers.js';
import * as home from '../../../../src/slack/views/home.js';
import * as lists from '../../../../src/slack/views/lists.js';
import * as modals from '../../../../src/slack/views/modals.js';
import * as replies from '../../../../src/slack/views/replies.js';
import * as reviews from '../../../../src/slack/views/reviews.js';
import * as undoViews from '../../../../src/slack/views/undo.js';
import { messageProblems, optionsProblems, viewProblems } from '../../../fakes/slack/block-kit.js';
import { SEED_TITLE } from '../../../helpers/fuzz-seed.js';
import {
  auditEntry,
  cardPostProblem,
  changeReport,
  changeRequest,
  channelId,
  channelProblem,
  domainFailure,
  grant,
  group,
  groupId,
  groupSummary,
  handover,
  identityFailure,
  leftAlone,
  MARK,
  slackUserId,
  undoLink,
  userMapping,
  userText,
} from './arbitraries.js';
import { accessReview, reviewFailure, reviewWithDecisions } from './review-arbitraries.js';

const RUNS = { numRuns: 150 };

type Json = unknown;

function walk(node: Json, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** The bot's own markup tokens; anything else in `<…>` would be live markup Slack parses. */
const BOT_TOKENS = /<@[UW][0-9A-Z]+>|<#[CDG][0-9A-Z]+>|<!date\^\d+\^[^<>|]*\|[^<>]*>/g;

/** Why a mrkdwn string is broken: a split or raw entity, stray markup, a split surrogate pair. */
function markupProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/&/g)) {
    if (!/^&(amp|lt|gt);/.test(text.slice(m.index))) problems.push(`raw or cut entity at ${m.index}`);
  }
  const rest = text.replace(BOT_TOKENS, '');
  if (/[<>]/.test(rest)) problems.push(`stray < or > (a cut or unescaped token): ${rest.slice(0, 200)}`);
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) {
    problems.push('split surrogate pair');
  }
  return problems;
}

/** Every check on one message, view or options answer, with the shared Block Kit validator first. */
function problemsOf(output: Json, kind: 'message' | 'view' | 'options'): string[] {
  const problems =
    kind === 'message'
      ? messageProblems(output as object)
      : kind === 'view'
        ? viewProblems(output)
        : optionsProblems(output);
  const top = (output as { text?: unknown }).text;
  if (kind === 'message' && typeof top === 'string') problems.push(...markupProblems(top).map((p) => `text: ${p}`));
  walk(output, (obj) => {
    if (obj['type'] !== 'mrkdwn' || typeof obj['text'] !== 'string') return;
    const text = obj['text'];
    problems.push(...markupProblems(text));
    if (text.includes(MARK) && obj['verbatim'] !== true)
      problems.push('mrkdwn with user or DocSpace text is not verbatim');
  });
  return problems;
}

function expectValid(output: Json, kind: 'message' | 'view' | 'options' = 'message'): void {
  expect(problemsOf(output, kind)).toEqual([]);
}

const viewer = slackUserId;
const choice = groupSummary.map((g) => ({ id: g.id, name: g.name }));
const reasonMode = fc.constantFrom('hidden' as const, 'optional' as const, 'required' as const);
const changeModalOptions = fc.record(
  {
    reasonMode,
    needsApproval: fc.boolean(),
    privateMetadata: fc.string({ maxLength: 3000 }),
    initialName: userText(300),
    initialGroup: choice,
  },
  { requiredKeys: ['reasonMode'] },
);

const role = fc.constantFrom('admin' as const, 'approver' as const, 'requester' as const, 'none' as const);
function homeList<T>(item: fc.Arbitrary<T>, max: number) {
  return fc
    .array(item, { maxLength: max })
    .chain((items) => fc.nat({ max: 500 }).map((more) => ({ items, total: items.length + more })));
}
const homeFacts: fc.Arbitrary<HomeFacts> = fc.oneof(
  fc.record({
    kind: fc.constant('unlinked' as const),
    viewer,
    role,
    why: fc.option(identityFailure, { nil: null }),
    docspaceDown: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('linked' as const),
    viewer,
    role,
    mapping: userMapping,
    groups: fc.option(
      fc.record({
        managed: homeList(groupSummary, 15),
        member: homeList(groupSummary, 15),
        readAt: fc.constant(new Date('2026-11-26T10:00:00Z')),
      }),
      { nil: null },
    ),
    waiting: fc.option(homeList(changeRequest, 10), { nil: null }),
    mine: homeList(changeRequest, 10),
    recent: fc.option(fc.array(auditEntry, { maxLength: 10 }), { nil: null }),
  }),
);
const homeAddenda = fc.record({
  notices: fc.array(userText(1200).map(escapeMrkdwn), { maxLength: 5 }),
  requestNote: userText(400).map((note) => () => escapeMrkdwn(note)),
});

/** Each exported builder, fed random input and checked; the names must match the modules' exports (see below). */
const PROPERTIES: Record<string, () => void> = {
  buildApprovalCard: () =>
    fc.assert(
      fc.property(
        changeRequest,
        fc.date({ noInvalidDate: true }),
        fc.option(handover, { nil: undefined }),
        (request, now, waiting) => {
          expectValid(cards.buildApprovalCard(request, { now, ...(waiting ? { handover: waiting } : {}) }));
        },
      ),
      RUNS,
    ),
  buildHandoverAsk: () =>
    fc.assert(
      fc.property(handover, (h) => expectValid(handovers.buildHandoverAsk(h))),
      RUNS,
    ),
  buildHandoverStartedReply: () =>
    fc.assert(
      fc.property(handover, (h) => expectValid(handovers.buildHandoverStartedReply(h))),
      RUNS,
    ),
  buildHandoverRequesterDm: () =>
    fc.assert(
      fc.property(handover, (h) => expectValid(handovers.buildHandoverRequesterDm(h))),
      RUNS,
    ),
  buildRequesterDm: () =>
    fc.assert(
      fc.property(changeRequest, (r) => expectValid(cards.buildRequesterDm(r))),
      RUNS,
    ),
  buildRequestsList: () =>
    fc.assert(
      fc.property(
        fc.array(changeRequest, { maxLength: 25 }),
        viewer,
        fc.boolean(),
        fc.nat({ max: 1000 }),
        fc.integer({ min: 1, max: 50 }),
        (requests, who, approver, more, page) => {
          const input = { requests, approver, total: requests.length + more, page, pageSize: 25 };
          expectValid(lists.buildRequestsList(input, who));
        },
      ),
      { numRuns: 40 },
    ),
  buildCancelReply: () =>
    fc.assert(
      fc.property(changeRequest, (r) => expectValid(lists.buildCancelReply(r))),
      RUNS,
    ),
  buildListDecisionReply: () =>
    fc.assert(
      fc.property(changeRequest, (r) => expectValid(lists.buildListDecisionReply(r))),
      RUNS,
    ),
  buildChannelAlertDm: () =>
    fc.assert(
      fc.property(channelId, channelProblem, fc.option(slackUserId, { nil: null }), (id, problem, bot) => {
        expectValid(alerts.buildChannelAlertDm({ channelId: id, problem }, bot));
      }),
      RUNS,
    ),
  buildGroupList: () =>
    fc.assert(
      fc.property(
        fc.array(groupSummary, { maxLength: 120 }),
        fc.nat(),
        fc.option(userText(300)),
        (groups, total, f) => {
          expectValid(lists.buildGroupList({ groups, total, filter: f }));
        },
      ),
      RUNS,
    ),
  buildAuditList: () =>
    fc.assert(
      fc.property(fc.array(auditEntry, { maxLength: 200 }), (entries) => expectValid(lists.buildAuditList(entries))),
      { numRuns: 60 },
    ),
  buildWhoami: () =>
    fc.assert(
      fc.property(
        viewer,
        fc.oneof(
          userMapping.map((m) => ok(m)),
          identityFailure.map((f) => err(f)),
        ),
        fc.option(fc.record({ admin: fc.boolean(), approver: fc.boolean() }), { nil: undefined }),
        (who, result, roles) => expectValid(lists.buildWhoami(who, result, roles)),
      ),
      RUNS,
    ),
  buildMappingsList: () =>
    fc.assert(
      fc.property(fc.array(userMapping, { maxLength: 200 }), (m) => expectValid(lists.buildMappingsList(m))),
      { numRuns: 60 },
    ),
  buildChangeResult: () =>
    fc.assert(
      fc.property(changeReport, (report) => expectValid(replies.buildChangeResult(report))),
      RUNS,
    ),
  buildUndoResult: () =>
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(changeReport, fc.array(leftAlone, { maxLength: 80 }), undoLink)
            .map(([report, left, undoes]) => ({ kind: 'executed' as const, report, leftAlone: left, undoes })),
          fc
            .tuple(changeRequest, fc.boolean(), fc.array(leftAlone, { maxLength: 80 }), undoLink)
            .map(([request, created, left, undoes]) => ({
              kind: 'requested' as const,
              request,
              created,
              cardError: null,
              leftAlone: left,
              undoes,
            })),
        ),
        fc.string({ maxLength: 40 }),
        (outcome, channel) =>
          expectValid(undoViews.buildUndoResult(outcome, (queued) => undoViews.undoQueuedReply(queued, channel))),
      ),
      RUNS,
    ),
  buildGroupDetails: () =>
    fc.assert(
      fc.property(group, (g) => expectValid(replies.buildGroupDetails(g))),
      RUNS,
    ),
  buildDeleteConfirmation: () =>
    fc.assert(
      fc.property(groupSummary, fc.option(userText(500), { nil: null }), (g, reason) => {
        expectValid(replies.buildDeleteConfirmation(g, encodeDeleteValue(g.id, reason)));
      }),
      RUNS,
    ),
  buildRequestQueuedReply: () =>
    fc.assert(
      fc.property(changeRequest, fc.boolean(), fc.string({ maxLength: 40 }), (request, created, channel) => {
        expectValid(replies.buildRequestQueuedReply(request, created, channel));
      }),
      RUNS,
    ),
  buildHelpText: () => expectValid({ text: replies.buildHelpText() }),
  buildHelpBlocks: () => expectValid({ text: 'help', blocks: replies.buildHelpBlocks() }),
  buildGroupOptions: () =>
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 300 }), (choices) => {
        expectValid(modals.buildGroupOptions(choices), 'options');
      }),
      RUNS,
    ),
  buildCreateModal: () =>
    fc.assert(
      fc.property(changeModalOptions, (o) => expectValid(modals.buildCreateModal(o), 'view')),
      RUNS,
    ),
  buildManagerModal: () =>
    fc.assert(
      fc.property(changeModalOptions, (o) => expectValid(modals.buildManagerModal(o), 'view')),
      RUNS,
    ),
  buildMembersModal: () =>
    fc.assert(
      fc.property(changeModalOptions, (o) => expectValid(modals.buildMembersModal(o), 'view')),
      RUNS,
    ),
  buildMenuModal: () =>
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }), (metadata) => {
        expectValid(modals.buildMenuModal(metadata === undefined ? {} : { privateMetadata: metadata }), 'view');
      }),
      RUNS,
    ),
  buildDenyReasonModal: () =>
    fc.assert(
      fc.property(changeRequest, (r) => expectValid(modals.buildDenyReasonModal(r), 'view')),
      RUNS,
    ),
  buildHomeView: () =>
    fc.assert(
      fc.property(homeFacts, homeAddenda, (facts, addenda) => {
        const view = home.buildHomeView(facts, addenda);
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        expectValid(view, 'view');
      }),
      { numRuns: 60 },
    ),
  buildRenameModal: () =>
    fc.assert(
      fc.property(choice, reasonMode, fc.boolean(), (group, mode, needsApproval) => {
        expectValid(home.buildRenameModal({ group, reasonMode: mode, needsApproval }), 'view');
      }),
      RUNS,
    ),
  buildGroupModal: () =>
    fc.assert(
      fc.property(group, (g) =>
        expectValid(home.buildGroupModal('Members', replies.buildGroupDetails(g).blocks), 'view'),
      ),
      RUNS,
    ),
  // Modal errors are plain strings Slack shows under an input; no documented length limit to check.
  buildModalErrors: () => {
    expect(modals.buildModalErrors({ name: 'x' })).toEqual({ dsg_name: 'x' });
  },
  failureText: () =>
    fc.assert(
      fc.property(domainFailure, (f) => expectValid(failureMessage(f))),
      { numRuns: 400 },
    ),
  identityFailureText: () =>
    fc.assert(
      fc.property(identityFailure, (f) => expectValid(plainMessage(messages.identityFailureText(f)))),
      RUNS,
    ),
  unexpectedErrorText: () =>
    fc.assert(
      fc.property(userText(300), (id) => expectValid(plainMessage(messages.unexpectedErrorText(id)))),
      RUNS,
    ),
  formNotOpenedText: () => expectValid(plainMessage(messages.formNotOpenedText())),
  unlinkedText: () =>
    fc.assert(
      fc.property(slackUserId, fc.boolean(), (user, removed) =>
        expectValid(plainMessage(messages.unlinkedText(user, removed))),
      ),
      RUNS,
    ),
  cardNotPostedText: () =>
    fc.assert(
      fc.property(userText(100), fc.option(cardPostProblem, { nil: null }), (id, problem) =>
        expectValid(plainMessage(messages.cardNotPostedText(id, problem))),
      ),
      RUNS,
    ),
  duplicateDeliveryText: () => expectValid(plainMessage(messages.duplicateDeliveryText())),
  buildGrantReminder: () =>
    fc.assert(
      fc.property(grant, (g) => expectValid(grants.buildGrantReminder(g))),
      RUNS,
    ),
  buildGrantEnded: () =>
    fc.assert(
      fc.property(grant, (g) => expectValid(grants.buildGrantEnded(g))),
      RUNS,
    ),
  buildGrantExpiryFailed: () =>
    fc.assert(
      fc.property(grant, (g) => expectValid(grants.buildGrantExpiryFailed(g))),
      RUNS,
    ),
  buildGrantsList: () =>
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 60 }), fc.boolean(), (gs, all) => {
        expectValid(grants.buildGrantsList(gs, all));
        expectValid(grants.withGrantBlocks({ text: 'x', blocks: [] }, gs));
      }),
      { numRuns: 60 },
    ),
  buildGrantEndedReply: () =>
    fc.assert(
      fc.property(grant, (g) => expectValid(grants.buildGrantEndedReply(g))),
      RUNS,
    ),
  buildGrantRenewedReply: () =>
    fc.assert(
      fc.property(grant, (g) => expectValid(grants.buildGrantRenewedReply(g))),
      RUNS,
    ),
  reviewFailureText: () =>
    fc.assert(
      fc.property(reviewFailure, (f) => expectValid(plainMessage(messages.reviewFailureText(f)))),
      { numRuns: 300 },
    ),
  buildReviewPage: () =>
    fc.assert(
      fc.property(reviewWithDecisions, fc.nat(10), ({ review, decisions }, n) => {
        const pages = Math.ceil(review.snapshot.members.length / 20);
        expectValid(reviews.buildReviewPage(review, decisions, n % pages));
      }),
      { numRuns: 60 },
    ),
  buildReviewPages: () =>
    fc.assert(
      fc.property(reviewWithDecisions, ({ review, decisions }) => {
        const pages = reviews.buildReviewPages(review, decisions);
        for (const page of pages) expectValid(page);
        // Every member is on exactly one page, with its own row of buttons.
        const rows = pages.flatMap((p) =>
          p.blocks.filter((b) => b.type === 'actions' && b.block_id?.startsWith('dsg_review_member:')),
        );
        expect(rows).toHaveLength(review.snapshot.members.length);
      }),
      { numRuns: 40 },
    ),
  buildReviewSubmitted: () =>
    fc.assert(
      fc.property(accessReview, (r) => expectValid(reviews.buildReviewSubmitted(r))),
      RUNS,
    ),
  buildReviewReminder: () =>
    fc.assert(
      fc.property(accessReview, fc.constantFrom('half' as const, 'due' as const), (r, n) =>
        expectValid(reviews.buildReviewReminder(r, n)),
      ),
      RUNS,
    ),
  buildReviewOverdue: () =>
    fc.assert(
      fc.property(accessReview, (r) => expectValid(reviews.buildReviewOverdue(r))),
      RUNS,
    ),
  buildReviewCancelled: () =>
    fc.assert(
      fc.property(accessReview, (r) => expectValid(reviews.buildReviewCancelled(r))),
      RUNS,
    ),
  buildReviewStarted: () =>
    fc.assert(
      fc.property(accessReview, (r) => expectValid(reviews.buildReviewStarted(r))),
      RUNS,
    ),
  buildStartAllReply: () =>
    fc.assert(
      fc.property(
        fc.array(accessReview, { maxLength: 120 }),
        fc.array(fc.record({ groupName: userText(300), failure: reviewFailure }), { maxLength: 120 }),
        (started, skipped) =>
          expectValid(
            reviews.buildStartAllReply(
              { started, skipped },
              (name, f) => `*${escapeMrkdwn(name)}*: ${messages.reviewFailureText(f)}`,
            ),
          ),
      ),
      { numRuns: 40 },
    ),
  buildReviewStatus: () =>
    fc.assert(
      fc.property(fc.array(accessReview, { maxLength: 60 }), fc.boolean(), (list, admin) =>
        expectValid(reviews.buildReviewStatus(list, admin)),
      ),
      { numRuns: 60 },
    ),
  buildReviewNoteModal: () =>
    fc.assert(
      fc.property(
        accessReview,
        fc.option(userText(500), { nil: null }),
        fc.string({ maxLength: 4000 }),
        (r, note, meta) =>
          expectValid(reviews.buildReviewNoteModal(r.snapshot.members[0] as never, note, meta), 'view'),
      ),
      RUNS,
    ),
};

const exported = (module: Record<string, unknown>, pattern: RegExp) =>
  Object.entries(module)
    .filter(([name, value]) => typeof value === 'function' && pattern.test(name))
    .map(([name]) => name);

/** Every module of src/slack/views, read from the folder, so a new one is covered (or this test fails) at once. */
const VIEWS = new URL('../../../../src/slack/views/', import.meta.url);
const viewModules: Record<string, unknown>[] = await Promise.all(
  readdirSync(VIEWS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => import(new URL(file, VIEWS).href) as Promise<Record<string, unknown>>),
);

describe(`every message, view and options builder stays within Slack's Block Kit limits ${SEED_TITLE}`, () => {
  it('covers every exported builder of src/slack/views and every text of src/slack/messages', () => {
    const builders = viewModules.flatMap((m) => exported(m, /^build/));
    const texts = exported(messages, /Text$/);
    expect([...builders, ...texts].sort()).toEqual(Object.keys(PROPERTIES).sort());
  });

  for (const [name, property] of Object.entries(PROPERTIES)) {
    it(`${name}: valid for Slack, entities and mentions whole, user and DocSpace text verbatim`, property);
  }

  it('submitMessage: every outcome of a change, done, queued, card not posted or refused, is valid', () => {
    const outcome = fc.oneof(
      changeReport.map((report) => ok({ kind: 'executed' as const, report })),
      fc
        .tuple(changeRequest, fc.boolean(), fc.option(cardPostProblem, { nil: null }))
        .map(([request, created, cardError]) => ok({ kind: 'requested' as const, request, created, cardError })),
      handover.map((h) => ok({ kind: 'handover' as const, handover: h })),
      domainFailure.map((f) => err(f)),
    );
    fc.assert(
      fc.property(outcome, (result) => expectValid(submitMessage(result))),
      RUNS,
    );
  });

  it('plainMessage: any text up to 50 000 characters is sent as valid whole lines', () => {
    const text = userText(50_000).map(escapeMrkdwn);
    fc.assert(
      fc.property(text, (t) => expectValid(plainMessage(t))),
      { numRuns: 60 },
    );
  });
});

describe(`long lists stay meaningful when cut ${SEED_TITLE}`, () => {
  const plainEmail = fc.stringMatching(/^[a-z0-9.]{1,100}@example\.com$/);
  const unknownPeople = fc
    .array(plainEmail, { minLength: 2, maxLength: 250 })
    .map((emails) =>
      emails.map((email): IdentityFailure => ({ code: 'docspace_user_not_found', who: { kind: 'email', email } })),
    );

  it('lists people who could not be matched in order, then "…and N more" for the rest', () => {
    fc.assert(
      fc.property(unknownPeople, (failures) => {
        const msg = failureMessage({ code: 'identity', failures });
        expectValid(msg);
        const lines = msg.text.split('\n');
        const shown = lines.filter((l) => l.startsWith('• ')).length;
        const more = /^…and (\d+) more$/.exec(lines.at(-1) ?? '');
        expect(shown + Number(more?.[1] ?? 0)).toBe(failures.length);
        expect(shown).toBeGreaterThan(0);
        if (more) expect(msg.text.length).toBeGreaterThan(2800);
      }),
      RUNS,
    );
  });

  it('lists groups sharing a name with their ids, "…and N more", and how to pick one', () => {
    const twins = fc
      .tuple(userText(128), fc.array(groupId, { minLength: 2, maxLength: 60 }))
      .map(([name, ids]) => ({ name, matches: ids.map((id) => ({ id, name, manager: null, membersCount: 3 })) }));
    fc.assert(
      fc.property(twins, ({ name, matches }) => {
        const msg = failureMessage({ code: 'group_ambiguous', query: name, matches });
        expectValid(msg);
        const shown = matches.filter((g) => msg.text.includes(g.id)).length;
        const more = /\n…and (\d+) more\nUse the group id instead of the name\.$/.exec(msg.text);
        expect(shown + Number(more?.[1] ?? 0)).toBe(matches.length);
        expect(msg.text.endsWith('Use the group id instead of the name.')).toBe(true);
      }),
      RUNS,
    );
  });

  it('names the requester and the group on a card even with 40 requesters and 300 members', () => {
    fc.assert(
      fc.property(changeRequest, (request) => {
        const card = cards.buildApprovalCard(request, { now: request.createdAt });
        expect(JSON.stringify(card.blocks)).toContain(`Request \`${request.id}\``);
      }),
      RUNS,
    );
  });
});
