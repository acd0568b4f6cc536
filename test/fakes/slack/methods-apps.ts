import type { MethodHandler } from './method-context.js';

/** Methods authorised by the app-level token (xapp-…) instead of the bot token. */
export const APP_TOKEN_METHODS: ReadonlySet<string> = new Set(['apps.connections.open']);

/** apps.connections.open: a one-use WebSocket URL on the double's own port (Socket Mode). */
export const appsConnectionsOpen: MethodHandler = (_args, ctx) => ({ ok: true, url: ctx.openSocketUrl() });
