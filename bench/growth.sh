#!/usr/bin/env bash
# Growth benchmark: bench/ingest.sh with an empty store, then with STORED (1,000,000) processed messages already in
# it (bench/FillStore.java), and the ratio of the two ingest figures.
#   bench/growth.sh
#   STORED=200000 DURATION=20 bench/growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STORED=${STORED:-1000000}
bench/ingest.sh | tee /tmp/growth-empty.txt
bench/ingest.sh --stored "$STORED" | tee /tmp/growth-full.txt
empty=$(awk '$1 == "hub" {print $2}' /tmp/growth-empty.txt)
full=$(awk '$1 == "hub" {print $2}' /tmp/growth-full.txt)
awk -v e="$empty" -v f="$full" -v n="$STORED" \
  'BEGIN{printf "\ningest, empty store %.0f requests/s; with %d stored %.0f requests/s (%.0f%% of empty)\n", e, n, f, 100*f/e}'
