/**
 * The child side of the bench's IPC: answers `{ id, type, args }` requests from the parent with `{ id, ok, value }`
 * (or `{ id, ok: false, error }`), and announces itself with `{ type: 'ready', value }`. The child exits when the
 * parent goes away, so a crashed bench never leaves servers behind.
 */
import { z } from 'zod';

export type IpcHandler = (args: unknown) => unknown;

const requestSchema = z.object({ id: z.number(), type: z.string(), args: z.unknown().optional() });

function send(message: unknown): void {
  process.send?.(message);
}

export function serveIpc(handlers: Record<string, IpcHandler>, onStop: () => Promise<void>): void {
  if (!process.send) throw new Error('bench child: start me with child_process.fork (IPC channel missing)');
  const stop = async () => {
    await onStop().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (raw: unknown) => {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) return;
    const { id, type, args } = parsed.data;
    if (type === 'stop') {
      send({ id, ok: true, value: null });
      void stop();
      return;
    }
    const handler = handlers[type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown request type ${type}`);
        return handler(args);
      })
      .then(
        (value) => send({ id, ok: true, value: value ?? null }),
        (error: unknown) => send({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}

export function announceReady(value: unknown): void {
  send({ type: 'ready', value });
}

export function announceFailure(error: unknown): never {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
