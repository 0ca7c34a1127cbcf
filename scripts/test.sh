#!/usr/bin/env bash
# The README's test command. On a fresh machine it installs what the suites need (Debian's
# chromium; Debian's postgresql through with-postgres.sh), type-checks, builds the web app, then
# runs every suite: pure rules, the database suites on embedded PGlite and on a throwaway
# PostgreSQL server, and the browser suite in Chromium. No suite skips for a missing component.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
fi

echo "test: type-checking" >&2
npx tsc -p tsconfig.json --noEmit
echo "test: building the web app" >&2
npm run --silent build:web >/dev/null

report=$(mktemp /tmp/highbar-vitest.XXXXXX.json)
trap 'rm -f "$report"' EXIT
status=0
scripts/with-postgres.sh npx vitest run --project unit --project pglite --project postgres --project e2e \
  --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
[ -s "$report" ] && node scripts/summarize-tests.mjs "$report" || true
exit "$status"
