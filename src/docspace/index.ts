export { createDocSpaceClient, type DocSpaceClient } from './client.js';
