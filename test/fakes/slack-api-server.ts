/**
 * The Slack double used by integration and end-to-end tests: the Web API over HTTP and Socket Mode over WebSocket on
 * the same port. Imports nothing from src/.
 */
export { startFakeSlack } from './slack/server.js';
export type { DisconnectReason } from './slack/socket-messages.js';
export type {
  FakeMessage,
  FakeSlack,
  FakeSocketMode,
  FakeView,
  ResponseUrlPost,
  SlackCall,
  SocketAck,
} from './slack/types.js';
