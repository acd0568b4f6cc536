import type { StartupProblem } from './startup-problems.js';

// What the config check says about values that are well-formed but still wrong: .env.example placeholders, portal
// addresses that are not a portal root, channel names given for channel ids, and values a .env comment swallowed.
// Messages name the variable and the fix; they never repeat what the operator typed (it may be a secret).

/** How to find a channel's id in Slack; said wherever a channel id is missing or a name was given instead. */
const CHANNEL_ID_HELP =
  'To find the id, open the channel in Slack and click its name: the id (C…) is at the bottom of the About tab ' +
  '(channel details); or right-click the channel in the sidebar > Copy link: the id is the last part of the link.';

const KEY_HELP =
  'an API key created by the DocSpace owner or an admin (Settings > Developer Tools > API keys) with the scopes ' +
  'accounts:read and accounts:write';

/**
 * Every placeholder value of .env.example, with what to put instead. A copy of .env.example that was not filled in
 * must not start (these values pass every format check). The one list; a test keeps it in step with .env.example.
 */
export const ENV_EXAMPLE_PLACEHOLDERS = {
  SLACK_BOT_TOKEN: {
    value: 'xoxb-your-bot-token',
    fix: "paste the app's Bot User OAuth Token (xoxb-…) from the OAuth & Permissions page",
  },
  SLACK_SIGNING_SECRET: {
    value: 'your-signing-secret',
    fix: "paste the app's Signing Secret from the Basic Information page (or leave it empty and set SLACK_APP_TOKEN for Socket Mode)",
  },
  DOCSPACE_URL: {
    value: 'https://yourportal.onlyoffice.com',
    fix: "set your portal's address, e.g. https://acme.onlyoffice.com",
  },
  DOCSPACE_API_KEY: { value: 'sk-your-docspace-api-key', fix: `paste ${KEY_HELP}` },
  ADMIN_SLACK_USER_IDS: {
    value: 'U0123ADMIN',
    fix: "set the Slack member ids (U…) of the bot's admins (a person's profile > ⋮ > Copy member ID), or leave it empty",
  },
  APPROVAL_CHANNEL_ID: {
    value: 'C0123APPROVALS',
    fix: `set the approvals channel's id, or leave it empty. ${CHANNEL_ID_HELP}`,
  },
} as const;

const comparable = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');

/** Variables still holding their .env.example placeholder (alone or as one item of a comma-separated list). */
export function placeholderProblems(env: Readonly<Record<string, string | undefined>>): StartupProblem[] {
  return Object.entries(ENV_EXAMPLE_PLACEHOLDERS).flatMap(([variable, { value, fix }]) => {
    const items = (env[variable] ?? '').split(',').map(comparable);
    if (!items.includes(comparable(value))) return [];
    return [{ variable, message: `is still the .env.example placeholder "${value}"; ${fix}.` }];
  });
}

export type DocSpaceUrlCheck =
  | { readonly ok: true; readonly origin: string }
  | { readonly ok: false; readonly problem: string };

const PORTAL_EXAMPLE = 'https://yourportal.onlyoffice.com';

/**
 * Accepts "acme.onlyoffice.com", "https://acme.onlyoffice.com/" or ".../api/2.0" and returns the origin; tells apart
 * the ways an address can be wrong (not a URL, scheme, credentials, a path inside the portal, a query).
 */
export function checkDocSpaceUrl(raw: string): DocSpaceUrlCheck {
  const trimmed = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http') {
    return {
      ok: false,
      problem: `must start with https:// (or http:// for a portal without TLS), not ${scheme}://; e.g. ${PORTAL_EXAMPLE}`,
    };
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `https://${trimmed}` : trimmed);
  } catch {
    return { ok: false, problem: `is not a web address; set your portal's address, e.g. ${PORTAL_EXAMPLE}` };
  }
  if (/\s/.test(trimmed) || url.hostname === '') {
    return { ok: false, problem: `is not a web address; set your portal's address, e.g. ${PORTAL_EXAMPLE}` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      problem: `must not contain a user name or password (the part before "@"): the bot signs in with DOCSPACE_API_KEY. Use ${url.origin}`,
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  if ((path !== '' && path.toLowerCase() !== '/api/2.0') || url.search || url.hash) {
    return {
      ok: false,
      problem: `must be the portal's root address, not a page inside it (no path, query or #fragment). Use ${url.origin}`,
    };
  }
  return { ok: true, origin: url.origin };
}

/** The message for an APPROVAL_CHANNEL_ID that is not a channel id: a #name or a bare name gets the how-to. */
export function channelIdProblem(raw: string): string {
  const value = raw.trim();
  const looksLikeName = value.startsWith('#') || /^[a-z0-9][a-z0-9._-]*$/.test(value);
  return looksLikeName
    ? `is a channel name; the bot needs the channel's id (C… or G…), which stays the same when the channel is renamed. ${CHANNEL_ID_HELP}`
    : `must be a Slack channel id (C… or G…). ${CHANNEL_ID_HELP}`;
}

/** The start-up warning for an unset approvals channel: the bot runs, but requests cannot be filed. */
export const APPROVALS_CHANNEL_UNSET =
  'is not set, so non-admins cannot file requests until it is set to the approvals channel id and the bot is ' +
  `invited to that channel. ${CHANNEL_ID_HELP}`;

/**
 * Names of the variables whose value in a .env file starts with an unquoted "#". Node's .env parser reads that as a
 * comment, so `APPROVAL_CHANNEL_ID=#approvals` silently becomes empty. Only names come out: values are never kept.
 */
export function commentedOutInEnvFile(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*#/.exec(line);
    if (match?.[1]) names.push(match[1]);
  }
  return names;
}

export function commentedOutProblem(variable: string): StartupProblem {
  const base = 'in .env its value starts with "#", which a .env file reads as a comment, so the value is empty';
  return {
    variable,
    message:
      variable === 'APPROVAL_CHANNEL_ID'
        ? `${base}. Set the channel's id (C…), not its #name. ${CHANNEL_ID_HELP}`
        : `${base}. If the value really starts with "#", put it in double quotes.`,
  };
}
