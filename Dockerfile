# rondo in a container. docs/deploy.md says how to run it: behind a reverse proxy with TLS, with
# its data on a volume and backups off the machine.
#
#   docker build -t rondo .
#   docker run -d --name rondo -p 127.0.0.1:3000:3000 -v rondo-data:/data \
#     -e RONDO_BASE_URL=https://rondo.example.nl -e RONDO_TRUST_PROXY=1 rondo
#   docker logs rondo        # the first start prints the administrator's password, once
#
# Node 22 (LTS): Node 20 reached its end of life in April 2026. Debian 12 (bookworm), whose
# Chromium package renders the factsheet PDFs as in rondo's CI.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: production dependencies, the compiled server and the web assets -----------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its native module from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, in a layer of their own that a change of rondo's code does not invalidate.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild
COPY . .
# What `npm ci`'s prepare step does: compile the server to dist/server, bundle the web assets.
RUN npm run build

# --- run: Node, Chromium for the PDFs, rondo; no compilers ------------------------------------
FROM ${NODE_IMAGE}
# chromium: factsheet PDFs and chart PNGs (playwright-core drives it; it downloads no browser).
# tini: PID 1 that passes SIGTERM on to rondo and reaps Chromium's processes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium tini \
 && rm -rf /var/lib/apt/lists/*
# MALLOC_ARENA_MAX: glibc's arenas per thread keep memory the server has freed; with two its memory
# stays lower and flat under load (docs/benchmarks.md, "On a quiet machine, end of session 11").
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    RONDO_DATA_DIR=/data \
    MALLOC_ARENA_MAX=2
WORKDIR /app
# The application belongs to root and is read-only for the user rondo runs as.
COPY --from=build /app /app
# The data directory (database, link secret, backups) is the one place rondo writes: a volume,
# owned by the unprivileged user `node` of the Node image (uid 1000), closed to others.
RUN install -d -o node -g node -m 0700 /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# --max-semi-space-size=8: as `npm start` (package.json); V8's young generation at half its default
# keeps the server's memory flat under load, for 3% fewer pages a second and 25 ms more to start
# (docs/benchmarks.md, "On a quiet machine, end of session 12").
CMD ["node", "--max-semi-space-size=8", "bin/rondo.mjs", "serve"]
