#!/usr/bin/env bash
# `make run`: a development secret, demo orders in an empty database, the server, example calls.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p var
if [ -z "${AUTH_JWT_SECRET:-}" ] && [ -z "${AUTH_JWKS_FILE:-}" ] && [ -z "${AUTH_JWKS_URL:-}" ]; then
  [ -s var/dev-jwt-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' > var/dev-jwt-secret
  AUTH_JWT_SECRET="$(cat var/dev-jwt-secret)"
  export AUTH_JWT_SECRET
fi
export PORT="${PORT:-8080}"

node dist/src/cli/load-orders.js --if-empty demo/orders.json

# npm start: the heap cap of package.json's config.nodeOptions (README, Performance).
npm start --silent &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server' INT TERM

# Node's fetch, not curl: a fresh machine has Node and npm, nothing more.
is_ready() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://localhost:$PORT/api/order/ready"
}
for _ in $(seq 1 100); do
  if is_ready; then break; fi
  if ! kill -0 $server 2>/dev/null; then wait $server; exit 1; fi
  sleep 0.2
done

echo
echo "Service ready on http://localhost:$PORT — example calls (token valid 12 h):"
echo
if [ -n "${AUTH_JWT_SECRET:-}" ]; then node dist/src/cli/print-examples.js; fi
wait $server
