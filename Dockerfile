# syntax=docker/dockerfile:1
# docspace-group-bot: a build stage that compiles and prunes, a slim runtime stage that runs as a non-root user.
#
#   docker build -t docspace-group-bot .
#   docker run -d --name docspace-bot --init --stop-timeout 30 --env-file .env -p 3000:3000 \
#     -v docspace-bot-data:/app/data docspace-group-bot
#
# The README's "Deploy" section has the rest (compose with PostgreSQL and two replicas, backups, upgrades).

# Build on the full Debian bookworm Node image: it has python3, make and g++ for better-sqlite3's native build when no
# prebuilt binary fits, and the same Debian release (so the same glibc) as the runtime image, so the addon built here
# loads there. Change both together.
ARG NODE_BUILD_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# The one script CI runs too (npm run check:runtime), so what CI starts is what this image holds: npm ci, tsc to
# dist/, npm prune --omit=dev, then package.json, dist/, node_modules/ and LICENSE into /runtime.
RUN --mount=type=cache,target=/root/.npm bash scripts/build-runtime.sh /src /runtime

FROM ${NODE_RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# The code belongs to root and is read-only for the bot; only the data folder is its own (the image's `node` user,
# uid 1000). A named volume starts with this ownership; a bind-mounted host folder must be writable by uid 1000.
COPY --from=build /runtime /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The default DATABASE_URL is SQLite at ./data/docspace-bot.sqlite, i.e. /app/data: keep it on a volume. With
# PostgreSQL (DATABASE_URL=postgres://…) the volume stays empty.
VOLUME ["/app/data"]
EXPOSE 3000
# Liveness: GET /healthz on the bot's own port. No curl in slim images, so node's fetch. With HOST set to one address,
# keep it one that 127.0.0.1 reaches inside the container (the default binds every interface).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; the bot handles it (stops taking events, lets in-flight work
# finish up to SHUTDOWN_GRACE_MS, closes storage, exits 0). PID 1 has no default signal handlers, so a bot that had
# not installed its own yet would ignore SIGTERM; `docker run --init` (compose: init: true) puts tini in front, which
# also reaps zombies. Give `docker stop` more time than SHUTDOWN_GRACE_MS (default 10 s): --stop-timeout 30.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
