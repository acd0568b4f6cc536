/** Shapes exchanged between the bench parent and its children. */

/** What the doubles child announces: where the DocSpace and Slack doubles listen, and their credentials. */
export interface DoublesInfo {
  readonly docspaceUrl: string;
  readonly docspaceApiKey: string;
  readonly slackUrl: string;
  readonly slackApiUrl: string;
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
}

/** process.memoryUsage() right after a full GC, bytes. */
export interface MemoryReport {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** V8 heap spaces (new_space, old_space, code_space, large_object_space, ...): size and used bytes. */
  readonly spaces: Record<string, { readonly size: number; readonly used: number }>;
}

export interface RssReport {
  /** Bytes. */
  readonly peak: number;
  readonly current: number;
}

/** One request the DocSpace double received, without bodies. */
interface DocSpaceCall {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly status: number;
}

/** One Slack Web API call the Slack double received: the method and the channel it named, if any. */
interface SlackApiCall {
  readonly method: string;
  readonly channel: string | null;
}

export interface CallLog {
  readonly docspace: DocSpaceCall[];
  readonly slack: SlackApiCall[];
  /** Posts to response_url sinks on the Slack double. */
  readonly responses: number;
}

/** The newest message in a channel on the Slack double, with its blocks. */
export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  readonly blocks: unknown;
}

/** Warning and error lines in the app's log (its stdout, pino JSON lines). */
export interface LogCounts {
  readonly warn: number;
  readonly error: number;
  readonly lastError: string | null;
  readonly lastWarn: string | null;
}
