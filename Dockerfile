# blueprint-review GitHub App (Probot server). Build: docker build -t blueprint-review .
# Run: docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET blueprint-review

# ---- build: compile TypeScript to build/ ----
# Node 24: the active LTS line (Node 20 is past end of life). The major tag follows its security
# releases; pin a digest (node:24-trixie-slim@sha256:…) where builds must be reproducible.
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY app.yml ./
COPY rules ./rules
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies and the compiled app only ----
FROM node:24-trixie-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force
COPY --from=build /app/build ./build
COPY schemas ./schemas
COPY app.yml ./
# The image's unprivileged `node` user; the app's files stay root-owned and read-only to it.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "build/src/app/server.js"]
