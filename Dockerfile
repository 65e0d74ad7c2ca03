# Learning Walks: a production image (issue 17). Multi-stage: the build stage has the whole
# toolchain and builds the web app and the server; the run stage has the production
# dependencies and the built files only, and runs as the unprivileged `node` user.
# docker build -t learning-walks . ; see docs/deploy.md and compose.yaml.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.domain.json tsconfig.server.json tsconfig.web.json vite.config.ts ./
COPY build ./build
COPY src ./src
# The web app (with its precompressed files), then the server compiled to one JavaScript file,
# exactly as `npm start` builds them (build/start.mjs).
RUN NODE_ENV=production node node_modules/vite/bin/vite.js build --logLevel warn \
 && node_modules/.bin/esbuild src/server/main.ts --bundle --platform=node \
      --format=esm --target=node22 --packages=external --sourcemap --log-level=warning \
      --outfile=dist/server/main.js \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The embedded database's folder, the only place the app writes (unused with DATABASE_URL).
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness only; a load balancer should ask GET /api/ready (database reachable, migrations done).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself as PID 1 handles SIGTERM (main.ts drains requests and jobs, then exits).
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
