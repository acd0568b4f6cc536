export { createDocSpaceClient, type DocSpaceClient } from './client.js';
export { createRehearsal, withoutWrites } from './rehearsal.js';
export type { DocSpaceExchange } from './transport.js';
