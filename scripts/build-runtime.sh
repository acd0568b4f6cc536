#!/usr/bin/env bash
# Builds what the runtime image holds, from a source tree into an empty folder:
#   scripts/build-runtime.sh <source> <out>
# The Dockerfile's build stage runs exactly this, then copies <out> into the runtime stage; CI runs it into a temporary
# folder and starts the result against the doubles (npm run check:runtime). One script, so the two cannot drift.
#
# Steps, in a scratch copy of the source (never in <source>: its node_modules may be shared or a symlink):
#   npm ci (dev dependencies included: the compiler is one), npm run build (tsc -> dist/), npm prune --omit=dev,
#   then <out> gets package.json (for "type": "module"), dist/, the pruned node_modules/ and LICENSE.
# Native addons (better-sqlite3) are compiled or fetched by npm ci for the libc of the machine that runs this script,
# which is why the Dockerfile builds on the same Debian release as its runtime image.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <source> <out>" >&2
  exit 2
fi
source_dir=$(cd "$1" && pwd)
out=$2
for file in package.json package-lock.json tsconfig.json tsconfig.build.json; do
  [ -f "$source_dir/$file" ] || { echo "build-runtime: $source_dir/$file is missing" >&2; exit 2; }
done
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "build-runtime: $out is not empty; give a new or empty folder" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/build-runtime.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The whole tree but what is host-built, local data or secret (as .dockerignore leaves out of the image's context):
# whatever the build or a lifecycle script reads is there, in CI as in the image.
echo "== build-runtime: sources from $source_dir"
tar -C "$source_dir" -cf - \
  --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./.git --exclude=./.env \
  --exclude=./coverage --exclude=./.ci/out --exclude=./bench/results . | tar -C "$work" -xf -
# npm ci below empties node_modules: never let it reach one outside the scratch folder (a worktree's is a symlink).
if [ -e "$work/node_modules" ] || [ -L "$work/node_modules" ]; then
  echo "build-runtime: node_modules was copied into the scratch folder; refusing to run npm ci on it" >&2
  exit 1
fi
cd "$work"

# NODE_ENV=production in the environment would make npm ci skip the dev dependencies the build needs: include them.
# --prefer-offline reuses the npm cache (CI has just filled it; the Dockerfile mounts one). A `prepare` script, if the
# package has one, runs here too; the explicit build below then runs on a clean dist/ either way.
echo "== build-runtime: npm ci"
npm ci --include=dev --prefer-offline --no-audit --no-fund
echo "== build-runtime: npm run build"
rm -rf dist
npm run build
[ -f dist/main.js ] || { echo "build-runtime: the build wrote no dist/main.js" >&2; exit 1; }
echo "== build-runtime: npm prune --omit=dev"
npm prune --omit=dev --no-audit --no-fund
# What a native build leaves beside the addon (objects, a static library, the SQLite sources: ~30 MB) is never loaded:
# better-sqlite3 loads build/Release/better_sqlite3.node only. Prune leaves empty scope folders behind too.
addon=node_modules/better-sqlite3
if [ -f "$addon/build/Release/better_sqlite3.node" ]; then
  find "$addon/build" -mindepth 1 -not -path "$addon/build/Release" -not -path "$addon/build/Release/better_sqlite3.node" -prune -exec rm -rf {} +
  rm -rf "$addon/deps" "$addon/src"
fi
find node_modules -mindepth 1 -maxdepth 1 -type d -empty -delete

mkdir -p "$out"
cp -R package.json dist node_modules "$out"/
if [ -f "$source_dir/LICENSE" ]; then cp "$source_dir/LICENSE" "$out"/; fi
echo "== build-runtime: runtime written to $out"
