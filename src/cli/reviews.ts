#!/usr/bin/env node
import pino from 'pino';
import type { AccessReview, ReviewDecision, Storage } from '../domain/index.js';
import { createLogger } from '../logger.js';
import { isEntryPoint, loadDotEnv, stderrLine, stdoutLine } from './process.js';
import { withExistingStore } from './store.js';

const PAGE_SIZE = 200;

export const REVIEWS_USAGE = [
  'Usage: npm run -s reviews -- <command>   (or: node dist/cli/reviews.js <command>)',
  '',
  'Commands:',
  '  export   Write every access review to stdout as one JSON object per line, oldest first: the group, its',
  '           members as reviewed, the reviewer, every decision with who made it and when, and the outcome.',
  '  help     Show this text.',
  '',
  'The store is the one DATABASE_URL names (from the environment or ./.env; unset: ./data/docspace-bot.sqlite).',
  'It must exist: the tool never creates one. Messages go to stderr; exit 1 when the store cannot be read.',
].join('\n');

type ReviewsCommand = { readonly kind: 'export' | 'help' } | { readonly kind: 'usage_error'; readonly message: string };

export interface ReviewsCliDeps {
  readonly storage: Storage;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

function parseReviewsArgs(argv: readonly string[]): ReviewsCommand {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage_error', message: 'Missing command.' };
  if (rest.length > 0) return { kind: 'usage_error', message: `Unexpected arguments: ${rest.join(' ')}` };
  if (command === 'export') return { kind: 'export' };
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  return { kind: 'usage_error', message: `Unknown command: ${command}` };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One review as the evidence an auditor asks for: every decision, the reviewer and every timestamp. */
export function reviewJsonLine(review: AccessReview, decisions: readonly ReviewDecision[]): string {
  return JSON.stringify({
    id: review.id,
    teamId: review.teamId,
    groupId: review.groupId,
    groupName: review.groupName,
    state: review.state,
    trigger: review.trigger,
    startedBy: review.startedBy,
    createdAt: iso(review.createdAt),
    dueAt: iso(review.dueAt),
    reviewer: {
      slackUserId: review.reviewerSlackId,
      docspaceUserId: review.reviewerDocSpaceId,
      reason: review.reviewerReason,
    },
    manager: { docspaceUserId: review.snapshot.managerId, name: review.snapshot.managerName },
    members: review.snapshot.members.map((m) => ({
      docspaceUserId: m.id,
      name: m.name,
      email: m.email,
      memberSince: iso(m.memberSince),
      grantEndsAt: iso(m.grantEndsAt),
    })),
    decisions: decisions.map((d) => ({
      docspaceUserId: d.docspaceUserId,
      decision: d.decision,
      note: d.note,
      decidedBy: d.decidedBy,
      decidedAt: iso(d.decidedAt),
    })),
    closedBy: review.closedBy,
    closedAt: iso(review.closedAt),
    outcome: review.outcome,
    remindedHalfAt: iso(review.remindedHalfAt),
    remindedDueAt: iso(review.remindedDueAt),
    escalatedAt: iso(review.escalatedAt),
  });
}

async function exportReviews(deps: ReviewsCliDeps): Promise<void> {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await deps.storage.reviews.listPage(offset, PAGE_SIZE);
    for (const review of page) deps.out(reviewJsonLine(review, await deps.storage.reviews.decisions(review.id)));
    if (page.length < PAGE_SIZE) return;
  }
}

function answerWithoutStore(command: ReviewsCommand, deps: Pick<ReviewsCliDeps, 'out' | 'err'>): number {
  if (command.kind === 'usage_error') {
    deps.err(command.message);
    deps.err(REVIEWS_USAGE);
    return 2;
  }
  deps.out(REVIEWS_USAGE);
  return 0;
}

/** Runs `reviews <command>` against an open store; returns the exit code (2 for a usage error, 1 for a failure). */
export async function runReviewsCli(argv: readonly string[], deps: ReviewsCliDeps): Promise<number> {
  const command = parseReviewsArgs(argv);
  if (command.kind !== 'export') return answerWithoutStore(command, deps);
  try {
    await exportReviews(deps);
    return 0;
  } catch (error) {
    deps.err(`Review export failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const out = stdoutLine;
  const err = stderrLine;
  const command = parseReviewsArgs(argv);
  // Usage and help never open (or create) a store.
  if (command.kind !== 'export') return answerWithoutStore(command, { out, err });
  loadDotEnv();
  // Logs go to stderr: stdout carries only the exported lines.
  const logger = createLogger({ level: 'warn', destination: pino.destination(2) });
  return withExistingStore({ databaseUrl: process.env['DATABASE_URL'], logger, err }, (storage) =>
    runReviewsCli(argv, { storage, out, err }),
  );
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
