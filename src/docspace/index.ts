export { createDocSpaceClient, type DocSpaceClient } from './client.js';
export type { DocSpaceExchange } from './transport.js';
