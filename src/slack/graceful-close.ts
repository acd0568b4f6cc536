import type { Server } from 'node:http';

/**
 * Makes `server.close()` end intake for keep-alive clients too. Node's close() stops new connections and drops idle
 * ones, but a keep-alive connection that is busy (or a client that reuses one, like a reverse proxy) goes on sending
 * requests, and close() then waits out keepAliveTimeout. Once `close()` here is called, a request already on the wire
 * is answered with `Connection: close`, and every connection is dropped as soon as its current response is sent.
 */
export function closableServer(server: Server): { close(): Promise<void> } {
  let closing = false;
  server.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
    res.once('finish', () => {
      if (closing) server.closeIdleConnections();
    });
  });
  return {
    close() {
      closing = true;
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
