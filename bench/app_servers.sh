#!/usr/bin/env bash
# Compare WSGI application servers for alliance on this machine.
#
#   bash bench/app_servers.sh
#
# Builds a throwaway site (fresh SQLite database with the demo content and
# collected static files) in a temporary directory, then starts, one at a
# time, on 127.0.0.1 with 2 workers:
#   gunicorn-sync     gunicorn -w 2 (sync workers)
#   gunicorn-gthread  gunicorn -w 2 -k gthread --threads 4
#   granian           granian --interface wsgi --workers 2
#   granian-bt1       the same with --blocking-threads 1
# and measures three URLs with `wrk -t2 -c16 -d10s --latency`: the home page,
# a statement page and the stylesheet served by WhiteNoise. Prints a Markdown
# table. Everything it starts is stopped, and the temp dir removed, on exit.
#
# Environment knobs (all optional):
#   BENCH_PORT      first port to try (default 8091; the next free one is used)
#   BENCH_DURATION  wrk duration per measurement (default 10s)
#   BENCH_WARMUP    wrk warm-up duration per URL (default 3s)
#   BENCH_SERVERS   space-separated subset of: gunicorn-sync gunicorn-gthread granian granian-bt1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.venv/bin"
HOST=127.0.0.1 # never anything else: the benchmark only talks to this machine
WORKERS=2
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-3s}"
SERVERS="${BENCH_SERVERS:-gunicorn-sync gunicorn-gthread granian granian-bt1}"
WRK_ARGS=(-t2 -c16 --latency)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in wrk curl ps; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install -y $tool)"
done
for exe in python gunicorn granian; do
  [ -x "$BIN/$exe" ] || die "$BIN/$exe is missing (make install; gunicorn: pip install gunicorn==27.0.1)"
done

# --- throwaway site ---------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/alliance-bench.XXXXXX")"
SERVER_PGID=""

stop_server() {
  # Each server runs in its own process group (setsid), so the master and all
  # of its workers are stopped together, and only they are.
  if [ -n "$SERVER_PGID" ]; then
    kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$SERVER_PGID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
    wait "$SERVER_PGID" 2>/dev/null || true
    SERVER_PGID=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export ALLIANCE_DATA_DIR="$TMP/data"
SECRET_KEY="$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 50 || true)"
[ "${#SECRET_KEY}" -eq 50 ] || die "could not generate SECRET_KEY"
export SECRET_KEY
export DEBUG=false HTTPS=false
# Never touch a real database or cache from the caller's environment.
unset DATABASE_URL REDIS_URL
export DJANGO_SETTINGS_MODULE=alliance.settings

port_free() {
  "$BIN/python" - "$1" <<'EOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}
PORT="${BENCH_PORT:-8091}"
for _ in $(seq 1 50); do
  port_free "$PORT" && break
  PORT=$((PORT + 1))
done
port_free "$PORT" || die "no free port found"
export HOST PORT
BASE="http://$HOST:$PORT"

cd "$ROOT"
log "preparing site in $TMP (migrate, load_demo, collectstatic)"
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py load_demo >"$TMP/load_demo.log" 2>&1 || { cat "$TMP/load_demo.log" >&2; die "load_demo failed"; }
"$BIN/python" manage.py collectstatic --noinput -v0

# --- helpers ----------------------------------------------------------------
start_server() { # name -> sets SERVER_PGID
  local name="$1" logf="$TMP/$1.log"
  local -a cmd
  case "$name" in
    gunicorn-sync)
      cmd=("$BIN/gunicorn" -w "$WORKERS" --bind "$HOST:$PORT" --no-control-socket
           alliance.wsgi:application) ;;
    gunicorn-gthread)
      cmd=("$BIN/gunicorn" -w "$WORKERS" -k gthread --threads 4 --bind "$HOST:$PORT"
           --no-control-socket alliance.wsgi:application) ;;
    granian)
      cmd=("$BIN/granian" --interface wsgi --workers "$WORKERS" --host "$HOST" --port "$PORT"
           --no-access-log alliance.wsgi:application) ;;
    granian-bt1)
      # One application thread per worker: CPU-bound Django pages gain nothing
      # from more threads under the GIL, and the default is 256.
      cmd=("$BIN/granian" --interface wsgi --workers "$WORKERS" --blocking-threads 1
           --host "$HOST" --port "$PORT" --no-access-log alliance.wsgi:application) ;;
    *) die "unknown server $name" ;;
  esac
  log "starting $name: ${cmd[*]}"
  # Not a process-group leader here, so setsid execs in place: $! is the
  # master's pid and also the new group's id.
  setsid "${cmd[@]}" >"$logf" 2>&1 </dev/null &
  SERVER_PGID=$!
  for _ in $(seq 1 150); do
    if curl -s -o /dev/null --max-time 2 "$BASE/" 2>/dev/null; then
      return 0
    fi
    kill -0 "$SERVER_PGID" 2>/dev/null || { cat "$logf" >&2; die "$name exited during start-up"; }
    sleep 0.2
  done
  cat "$logf" >&2
  die "$name did not answer on $BASE within 30s"
}

tree_rss_kib() { # pid -> total RSS (KiB) of the pid and all its descendants
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      total = 0
      for (p in rss) {
        q = p
        while (q != "" && q != 0 && q != 1) {
          if (q == root) { total += rss[p]; break }
          q = parent[q]
        }
      }
      print total
    }'
}

to_ms() { # wrk duration (e.g. 812.00us, 3.41ms, 1.02s) -> milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.0f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v
  }'
}

check_url() { # path -> 0 if 200, else prints the error and returns 1
  local path="$1" code
  code="$(curl -s -o "$TMP/check.body" -w '%{http_code}' --max-time 30 "$BASE$path" || echo 000)"
  if [ "$code" != 200 ]; then
    log "GET $path -> HTTP $code; not benchmarking it. Response (first lines):"
    head -c 2000 "$TMP/check.body" >&2 || true
    echo >&2
    log "server log (last lines):"
    tail -n 40 "$TMP/$CURRENT.log" >&2 || true
    printf '%s' "$code"
    return 1
  fi
}

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- run --------------------------------------------------------------------
ROWS=()
URLS=("/" "/statements/trump-executive-orders/")
CSS=""

for CURRENT in $SERVERS; do
  start_server "$CURRENT"

  if [ -z "$CSS" ]; then
    CSS="$(curl -s --max-time 30 "$BASE/" \
      | grep -oE '<link rel="stylesheet" href="/static/core/site\.[0-9a-f]+\.css"' \
      | head -n1 | sed -E 's/.*href="([^"]+)".*/\1/' || true)"
    if [ -n "$CSS" ]; then
      URLS+=("$CSS")
    else
      log "stylesheet link not found in the home page; skipping the static file URL"
    fi
  fi

  for path in "${URLS[@]}"; do
    label="$path"
    [ "$path" = "$CSS" ] && label="$path (WhiteNoise)"
    if ! status="$(check_url "$path")"; then
      ROWS+=("| $CURRENT | \`$label\` | HTTP $status, not measured | | | | |")
      continue
    fi
    log "$CURRENT $path: warm-up $WARMUP"
    wrk "${WRK_ARGS[@]}" -d"$WARMUP" "$BASE$path" >/dev/null
    log "$CURRENT $path: measuring $DURATION"
    out="$(wrk "${WRK_ARGS[@]}" -d"$DURATION" "$BASE$path")"
    printf '%s\n' "$out" >"$TMP/wrk.$CURRENT.$(echo "$path" | tr -c 'a-zA-Z0-9' _).txt"
    rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
    sockerr="$(awk -F'Socket errors: ' '/Socket errors:/ { print $2 }' <<<"$out")"
    errors="${non2xx:-0} non-2xx"
    [ -n "$sockerr" ] && errors="$errors; socket: $sockerr"
    ROWS+=("| $CURRENT | \`$label\` | ${rps:-?} | $(to_ms "${p50:-?}") | $(to_ms "${p99:-?}") | RSS_PLACEHOLDER | $errors |")
  done

  rss_kib="$(tree_rss_kib "$SERVER_PGID")"
  rss_mib="$(awk -v k="$rss_kib" 'BEGIN { printf "%.0f", k / 1024 }')"
  nproc_tree="$(ps -e -o pid=,ppid= | awk -v root="$SERVER_PGID" '
    { parent[$1] = $2 } END { n = 0; for (p in parent) { q = p
      while (q != "" && q != 0 && q != 1) { if (q == root) { n++; break } q = parent[q] } } print n }')"
  log "$CURRENT: total RSS ${rss_mib} MiB over $nproc_tree processes"
  for i in "${!ROWS[@]}"; do
    ROWS[$i]="${ROWS[$i]/RSS_PLACEHOLDER/$rss_mib}"
  done
  stop_server
done

# --- report -----------------------------------------------------------------
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))," \
  "wrk ${WRK_ARGS[*]} -d$DURATION, $WORKERS workers each, DEBUG=false, SQLite;" \
  "load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | URL | requests/s | p50 ms | p99 ms | RSS MiB (master+workers, after run) | errors |"
echo "|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
