#!/usr/bin/env bash
# One tsc run per package, so each gets its own lib/types (the domain sees no Node globals).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for project in tsconfig.json domain adapters api renderer test web; do
  if [ "$project" != tsconfig.json ] && ! compgen -G "$project/src/*" >/dev/null; then continue; fi
  tsc -p "$project" || status=1
done
exit $status
