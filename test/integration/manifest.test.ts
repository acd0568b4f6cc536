import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// From test/integration/: ../../ is the repo root, ../../../ its parent, where CI puts shared/ beside the repo.
const SCHEMA_DIR = new URL('../../../shared/slack-manifest-schema/', import.meta.url);
const MANIFEST_URL = new URL('../../manifest.yml', import.meta.url);
const SRC_DIR = fileURLToPath(new URL('../../src/', import.meta.url));
const VERSIONED_IDS = {
  'manifest.schema.1.0.0.json':
    'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json',
  'manifest.schema.2.0.0.json':
    'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json',
} as const;

/** The bot scopes the code needs, and why (the Web API methods src/ calls are checked against this below). */
const NEEDED_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'users:read.email',
  'im:write',
  'channels:read',
  'groups:read',
];
const SCOPES_OF_METHOD: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'users.info': ['users:read', 'users:read.email'],
  'conversations.open': ['im:write'],
  // Start-up checks that the bot is a member of the approvals channel (public or private).
  'conversations.info': ['channels:read', 'groups:read'],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  // App Home: publishing needs no scope, nor does the app_home_opened event.
  'views.publish': [],
};

type Json = Record<string, unknown>;

function readJson(url: URL): Json {
  return JSON.parse(readFileSync(url, 'utf8')) as Json;
}

function loadManifest(): Json {
  return parse(readFileSync(MANIFEST_URL, 'utf8')) as Json;
}

function compileValidator(): ValidateFunction {
  // strict off: the published schemas use keywords Ajv does not know (e.g. markdownDescription).
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  for (const [file, id] of Object.entries(VERSIONED_IDS)) ajv.addSchema(readJson(new URL(file, SCHEMA_DIR)), id);
  return ajv.compile(readJson(new URL('manifest.schema.json', SCHEMA_DIR)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `client.<family>.<method>(` call in src/, as Web API method names. */
function webApiMethodsUsed(): Set<string> {
  const used = new Set<string>();
  for (const file of sourceFiles(SRC_DIR)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) {
      used.add(`${m[1]}.${m[2]}`);
    }
  }
  return used;
}

const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);

describe('the Slack app manifest', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = compileValidator();
  });

  it('is valid against the published Slack manifest schema', () => {
    const valid = validate(loadManifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the schema when the slash command loses its leading slash', () => {
    const manifest = loadManifest();
    const commands = at(manifest, 'features', 'slash_commands') as Json[];
    commands[0] = { ...commands[0], command: 'docspace-group' };
    expect(validate(manifest)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('slash_commands/0/command');
  });

  it('declares /docspace-group with should_escape true', () => {
    const commands = at(loadManifest(), 'features', 'slash_commands') as Json[];
    expect(commands).toHaveLength(1);
    expect(commands[0]?.['command']).toBe('/docspace-group');
    expect(commands[0]?.['should_escape']).toBe(true);
  });

  it('enables interactivity with an options load URL and turns Socket Mode on', () => {
    const settings = at(loadManifest(), 'settings');
    expect(at(settings, 'interactivity', 'is_enabled')).toBe(true);
    expect(at(settings, 'interactivity', 'message_menu_options_url')).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(at(settings, 'socket_mode_enabled')).toBe(true);
  });

  it('enables the Home tab, keeps the Messages tab and subscribes to app_home_opened', () => {
    const manifest = loadManifest();
    expect(at(manifest, 'features', 'app_home', 'home_tab_enabled')).toBe(true);
    expect(at(manifest, 'features', 'app_home', 'messages_tab_enabled')).toBe(true);
    expect(at(manifest, 'settings', 'event_subscriptions', 'bot_events')).toEqual(['app_home_opened']);
  });

  it('asks for exactly the bot scopes the code needs and no others', () => {
    const scopes = at(loadManifest(), 'oauth_config', 'scopes', 'bot') as string[];
    expect([...scopes].sort()).toEqual([...NEEDED_SCOPES].sort());
  });

  it('covers every Web API method the source calls with those scopes', () => {
    const used = webApiMethodsUsed();
    expect(used.size).toBeGreaterThan(3);
    const unknown = [...used].filter((method) => SCOPES_OF_METHOD[method] === undefined);
    expect(unknown).toEqual([]);
    const needed = new Set(['commands', ...[...used].flatMap((method) => SCOPES_OF_METHOD[method] ?? [])]);
    expect([...needed].sort()).toEqual([...NEEDED_SCOPES].sort());
  });
});
