// `npm run build`, second step: dist/main.js, the bot's entry, as one ES module (plus lazily loaded chunks for each
// storage driver) instead of ~80 compiled files. Node 20 loads every ES module file on its own (resolve, read,
// parse, link): for the bot's own files and zod's ~95 that is about a tenth of its start-up. tsc still compiles every
// other file into dist/ (the CLIs run those); tsconfig.build.json leaves main.ts out, so a `tsc` alone can never put a
// stale or unbundled main.js in place of this one.
//
// Bundled: the bot's sources and the pure-ESM packages listed below. Every other package stays an import resolved
// from node_modules at run time (CommonJS packages, native addons, and pg, which only a PostgreSQL deployment loads).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED_PACKAGES = new Set(['zod']);

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalPackages = {
  name: 'external-packages',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || BUNDLED_PACKAGES.has(packageOf(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  allowOverwrite: true,
  logLevel: 'warning',
  plugins: [externalPackages],
});
