/**
 * A response_url sink in the bench process itself: the end-to-end time (command sent -> reply received) is read on
 * one clock, and the load generator can wait for a command's reply before sending the next one. It answers "ok"
 * like Slack's and keeps the first body per id until someone waits for it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Reply {
  /** performance.now() when the body had fully arrived. */
  readonly at: number;
  /** The JSON body (parsed on first access). */
  readonly body: Record<string, unknown>;
}

export interface ReplySink {
  url(id: string): string;
  /** Resolves with the first reply posted to that id, and forgets it. */
  wait(id: string, timeoutMs: number): Promise<Reply>;
  close(): Promise<void>;
}

function lazyReply(at: number, raw: string): Reply {
  let parsed: Record<string, unknown> | null = null;
  return {
    at,
    get body() {
      if (parsed === null) {
        try {
          parsed = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          parsed = { unparsable: raw.slice(0, 200) };
        }
      }
      return parsed;
    },
  };
}

/** Keeps the first reply per id until someone waits for it, or hands it straight to a waiter. */
function createMailbox() {
  const replies = new Map<string, Reply>();
  const waiters = new Map<string, (reply: Reply) => void>();
  return {
    deliver(id: string, reply: Reply) {
      const waiter = waiters.get(id);
      if (waiter) waiter(reply);
      else if (!replies.has(id)) replies.set(id, reply);
    },
    wait(id: string, timeoutMs: number): Promise<Reply> {
      const found = replies.get(id);
      if (found) {
        replies.delete(id);
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(id);
          reject(new Error(`no reply to ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(id, (reply) => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(reply);
        });
      });
    },
  };
}

export async function startReplySink(): Promise<ReplySink> {
  const mailbox = createMailbox();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const id = decodeURIComponent(/^\/reply\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = lazyReply(performance.now(), Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      mailbox.deliver(id, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (id) => `${base}/reply/${encodeURIComponent(id)}`,
    wait: (id, timeoutMs) => mailbox.wait(id, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
