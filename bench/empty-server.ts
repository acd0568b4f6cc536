/**
 * Bench child with no app: node, the probe and a node:http server that only answers the health path (so the bench
 * knows when it is up), to show what those cost by themselves. Stops on SIGTERM.
 */
import { createServer } from 'node:http';

const server = createServer((_req, res) => res.writeHead(200).end('ok'));
server.listen(Number(process.env['PORT'] ?? '0'), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
