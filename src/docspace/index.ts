export { createDocSpaceClient, type DocSpaceClient } from './client.js';
export type { DocSpaceExchange, DocSpaceObserver } from './transport.js';
