import { fail, type MethodContext, type MethodHandler, type MethodResult, stringArg } from './method-context.js';
import type { FakeView } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Slack's view hash looks like '1567729386.1827394'; a fresh ts-shaped value per render is close enough.
function nextHash(ctx: MethodContext): string {
  return ctx.state.nextTs();
}

/** The view as Slack echoes it: the submitted fields plus the ids, hash and empty state Slack adds. */
function renderView(
  ctx: MethodContext,
  id: string,
  view: Record<string, unknown>,
  rootId: string,
  previousId: unknown,
) {
  return {
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    id,
    team_id: ctx.identity.teamId,
    app_id: 'A0FAKEAPP1',
    bot_id: ctx.identity.botId,
    app_installed_team_id: ctx.identity.teamId,
    root_view_id: rootId,
    previous_view_id: previousId ?? null,
    hash: nextHash(ctx),
  };
}

function storeNewView(
  ctx: MethodContext,
  view: Record<string, unknown>,
  triggerId: string,
  rootOf?: string,
): MethodResult {
  const id = ctx.state.nextId('V');
  const rendered = renderView(ctx, id, view, rootOf ?? id, rootOf);
  const stored: FakeView = { id, view: rendered, triggerId };
  ctx.state.views.set(id, stored);
  return { ok: true, view: rendered };
}

export const viewsOpen: MethodHandler = (args, ctx) => {
  const triggerId = stringArg(args, 'trigger_id');
  if (triggerId === undefined) return fail('invalid_trigger_id');
  if (!isRecord(args['view'])) return fail('invalid_arguments');
  return storeNewView(ctx, args['view'], triggerId);
};

// A pushed view records its root as the most recently opened view, which is what the tests drive.
export const viewsPush: MethodHandler = (args, ctx) => {
  const triggerId = stringArg(args, 'trigger_id');
  if (triggerId === undefined) return fail('invalid_trigger_id');
  if (!isRecord(args['view'])) return fail('invalid_arguments');
  const latest = [...ctx.state.views.values()].at(-1);
  return storeNewView(ctx, args['view'], triggerId, latest?.id);
};

function findView(ctx: MethodContext, args: Record<string, unknown>): FakeView | undefined {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (viewId !== undefined) return ctx.state.views.get(viewId);
  return [...ctx.state.views.values()].find((v) => externalId !== undefined && v.view['external_id'] === externalId);
}

export const viewsUpdate: MethodHandler = (args, ctx) => {
  if (!isRecord(args['view'])) return fail('invalid_arguments');
  const current = findView(ctx, args);
  if (current === undefined) return fail('not_found');
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && hash !== current.view['hash']) return fail('hash_conflict');
  const rendered = renderView(
    ctx,
    current.id,
    args['view'],
    String(current.view['root_view_id']),
    current.view['previous_view_id'],
  );
  const stored: FakeView = { ...current, view: rendered };
  ctx.state.views.set(current.id, stored);
  return { ok: true, view: rendered };
};

/** App Home: replaces the user's Home view (a stale `hash` is refused like Slack does). */
export const viewsPublish: MethodHandler = (args, ctx) => {
  const userId = stringArg(args, 'user_id');
  if (userId === undefined || !isRecord(args['view'])) return fail('invalid_arguments');
  if (args['view']['type'] !== 'home') return fail('invalid_arguments');
  const current = ctx.state.homes.get(userId);
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && current !== undefined && hash !== current.view['hash']) return fail('hash_conflict');
  const id = current?.id ?? ctx.state.nextId('V');
  const rendered = renderView(ctx, id, args['view'], id, null);
  ctx.state.homes.set(userId, { id, view: rendered });
  return { ok: true, view: rendered };
};
