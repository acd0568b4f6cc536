import { createHmac } from 'node:crypto';

/** Slack's v0 signature: 'v0=' + hex HMAC-SHA256(secret, 'v0:<timestamp>:<raw body>'). */
export function computeSlackSignature(secret: string, rawBody: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Headers Slack sends with a signed request. The content type is exactly 'application/x-www-form-urlencoded':
 * Bolt compares it with === and answers 400 when a charset is appended.
 */
export function signSlackRequest(
  secret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': computeSlackSignature(secret, rawBody, timestamp),
  };
}
