// The Slack layer's public surface: only what the container and the CLI use.
export { createBoltLogger } from './adapters/bolt-logger.js';
export { fitSlackPayloads } from './adapters/fit-payloads.js';
export { createGrantNotifier } from './adapters/grant-notifier.js';
export { createHandoverNotifier } from './adapters/handover-notifier.js';
export { createLightFetch } from './adapters/light-fetch.js';
export { createReviewNotifier } from './adapters/review-notifier.js';
export { createSlackDirectory } from './adapters/slack-directory.js';
export { createDirectMessenger, createSlackNotifier } from './adapters/slack-notifier.js';
export { WebClient } from './adapters/web-client.js';
export { createSlackApp, DEFAULT_SLACK_RETRY, type SlackApp } from './app.js';
export { createHomeAddenda } from './home/addenda.js';
export { createHomePublisher, type HomePublisher } from './home/publisher.js';
export { withHomeRefresh } from './home/refresh.js';
export { COMMAND_LABELS } from './listeners/context.js';
export { createDeliveryGuard } from './listeners/deliveries.js';
export { toEmail } from './parse/refs.js';
export type { SocketModeTuning } from './socket-receiver.js';
