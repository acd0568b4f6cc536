/** Keeps the API key out of error messages, body snippets and causes, whatever produced them. */

export const SNIPPET_MAX = 500;
const REDACTED = '[redacted]';
const BEARER = /Bearer\s+\S+/gi;
const MAX_CAUSE_DEPTH = 3;

export function redactSecret(text: string, secret: string): string {
  const withoutKey = secret.length > 0 ? text.split(secret).join(REDACTED) : text;
  return withoutKey.replace(BEARER, `Bearer ${REDACTED}`);
}

/** A redacted body prefix of at most SNIPPET_MAX characters, or undefined for an empty body. */
export function toBodySnippet(text: string, secret: string): string | undefined {
  if (text.length === 0) return undefined;
  const redacted = redactSecret(text, secret);
  return redacted.length > SNIPPET_MAX ? `${redacted.slice(0, SNIPPET_MAX)}…` : redacted;
}

/**
 * A plain Error copy of a thrown value: name, redacted message, string `code` and (recursively) cause.
 * Library errors can carry request options, sockets or headers; none of that is copied.
 */
export function sanitizeCause(error: unknown, secret: string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactSecret(String(error), secret));
  const inner = depth < MAX_CAUSE_DEPTH && error.cause !== undefined ? error.cause : undefined;
  const copy = new Error(
    redactSecret(error.message, secret),
    inner === undefined ? undefined : { cause: sanitizeCause(inner, secret, depth + 1) },
  );
  copy.name = error.name;
  const code: unknown = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  if (error.stack !== undefined) copy.stack = redactSecret(error.stack, secret);
  return copy;
}
