/** The Slack Web API double used by integration and end-to-end tests. Speaks HTTP only; imports nothing from src/. */
export { startFakeSlack } from './slack/server.js';
export type {
  FakeMessage,
  FakeSlack,
  FakeView,
  ResponseUrlPost,
  SlackCall,
} from './slack/types.js';
