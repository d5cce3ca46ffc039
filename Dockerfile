# syntax=docker/dockerfile:1
# Build: compile TypeScript. Run: production dependencies only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY content ./content
COPY locales ./locales
# The code and content belong to root and are read-only for the bot's user.
USER node
# /healthz, /readyz, /metrics and the Telegram webhook (HTTP_PORT).
EXPOSE 8080
# Liveness: the process answers HTTP (no curl in the slim image; Node's fetch does it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM starts the graceful shutdown (a second signal forces the exit).
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
