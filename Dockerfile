# syntax=docker/dockerfile:1
# Statika agent image: built with pnpm, shipped as the bundled agent on a slim Node 24 (LTS) base.
#   docker build -t statika .
#   docker run --rm statika --help
# See docs/deployment.md for running it as an ECS DAEMON service.

FROM node:24-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@12.4.2
# Dependencies first, so that a source change does not reinstall them.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/core/package.json packages/core/
COPY packages/aws/package.json packages/aws/
COPY packages/host/package.json packages/host/
COPY packages/sim/package.json packages/sim/
COPY packages/harness/package.json packages/harness/
COPY packages/agent/package.json packages/agent/
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json turbo.json ./
COPY packages packages
RUN pnpm build && pnpm --filter @statika/agent run bundle

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# How the runtime is run, measured against the sim (docs/performance.md, section 4; `pnpm bench` reads these
# lines, so its figures are this image's): a 1 MB young generation, and V8 without its compilers
# (`--jitless`: the agent spends its time waiting on I/O, not in hot loops), which takes several MB off the
# peak at no measurable CPU cost. Without a JIT there is no WebAssembly, so no `fetch`: the agent and the
# health check use node:http. (`--lite-mode` measures the same but is not allowed in NODE_OPTIONS.)
# Setting NODE_OPTIONS replaces both.
ENV NODE_OPTIONS="--max-semi-space-size=1 --jitless"
# One glibc malloc arena (the agent is one JavaScript thread; per-thread arenas only hold freed memory) and
# memory above 64 KiB given back to the system when freed, not kept for later.
ENV MALLOC_ARENA_MAX=1
ENV MALLOC_TRIM_THRESHOLD_=65536
WORKDIR /app
# nft for node-port mode's forwarding rules. The agent runs as `node`, not root: the file capability lets
# nft (and only nft) use CAP_NET_ADMIN, which the kernel grants only when the container's bounding set has
# it (the task definition's linuxParameters.capabilities.add: ["NET_ADMIN"]); without it nft is refused
# and node-port services report the error. Services without nodePort never run nft.
RUN apt-get update && apt-get install -y --no-install-recommends nftables libcap2-bin \
  && setcap cap_net_admin+ep /usr/sbin/nft \
  && apt-get purge -y libcap2-bin && rm -rf /var/lib/apt/lists/*
# The bundle is self-contained (statika.mjs and the chunks it loads on demand): no node_modules in the image.
COPY --from=build /src/packages/agent/dist/bundle/ /app/
COPY LICENSE /app/LICENSE
# The journal of listener replacements (STATIKA_STATE_DIR); mount a host path here to keep it across restarts.
RUN mkdir -p /var/lib/statika && chown node:node /var/lib/statika
VOLUME ["/var/lib/statika"]
USER node
# The status endpoint must be reachable by the health check below; inside the container loopback is enough.
ENV STATIKA_STATE_DIR=/var/lib/statika
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "require('node:http').get('http://127.0.0.1:9464/healthz', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
# The old generation grows by 10 % of what a full collection leaves alive, not V8's default of up to 100 %:
# the first reconcile of many services (100 services: 300 changes) peaks about 8 MB lower, at the cost of
# more full collections while the heap grows. Not a limit: the heap still grows with a bigger cluster.
# V8 takes these flags on the command line only, not in NODE_OPTIONS (`pnpm bench` reads this line too).
# V8's memory saver mode (Node 24's V8; Node 22 refuses the flag) collects the garbage a resync leaves in the
# old generation as it goes: without it the resident set climbs by about 3 MB between full collections
# (2 services), and the first reconcile of 100 services peaks about 5 MB higher; it costs 10-20 % more CPU.
ENTRYPOINT ["node", "--heap-growing-percent=10", "--memory-saver-mode", "/app/statika.mjs"]
CMD ["run"]
