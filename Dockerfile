# One image, two roles (README "Deployment"):
#   web       next start with LEAKLESS_ROLE=web   (serves; never runs learner code)
#   verifier  node --import tsx scripts/verifier.ts   (verifies; no web server, no session secret)
# and the release step, run once per deployment before either starts:
#   release   npm run db:prepare   (migrations, course sync, demo accounts)
#
# The verifier runs learner code under bubblewrap, which needs the container to
# be allowed to create namespaces: see compose.yaml and README "Deployment".
FROM node:20-bookworm-slim AS base
RUN apt-get update \
  && apt-get install -y --no-install-recommends bubblewrap ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

FROM base AS build
# Compilers only for a native module without a prebuilt binary (better-sqlite3); not in the final image.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# npm 11 honours package.json's allowScripts (no Prisma engine download at install).
RUN npm install -g npm@11
COPY . .
# postinstall generates the Prisma client and bundles the browser runner and the verifier;
# build makes the production Next build. (The verifier's Pyodide snapshot is made by the
# verifier container on its first start, inside its sandbox: a build has no namespaces.)
RUN npm ci && npm run build

FROM base AS runtime
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# Default: a web instance. The verifier and the release step override the command.
ENV LEAKLESS_ROLE=web
CMD ["node_modules/.bin/next", "start", "-p", "3000"]
