#!/bin/sh
# Usage: releng/soak.sh MINUTES [OUTPUT]
#
# Runs Scrim as a user leaves it running: real time at 1280x720 and 30 fps on the moving test
# pattern, default model, effect chain blur + dim, writing to OUTPUT if given (/dev/videoN, a
# v4l2loopback device; or FILE.y4m, which grows by 55 MB a second) and otherwise to no output.
# Every minute it prints the process's resident memory (VmRSS), the CPU milliseconds per frame
# over that minute (all threads, from /proc/PID/stat), the frame rate and the dropped frames
# (from Scrim's progress line), then one summary line. Not part of CI: the lead runs
# `releng/soak.sh 30` and puts the result in the README. SOAK_INTERVAL=SECONDS samples more
# often (for example 10 to watch the first minutes of the heap).
#
# Config, data and load folders are throw-away (the saved setup is untouched); the JavaCPP native
# cache is shared. The distribution is built first if absent (see ./scrim).
set -eu

minutes="${1:-}"
output="${2:-}"
case "$minutes" in
  ''|*[!0-9]*|0) echo "usage: releng/soak.sh MINUTES [OUTPUT]   (MINUTES: a whole number above 0)" >&2; exit 2 ;;
esac
interval="${SOAK_INTERVAL:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$(mktemp -d "${TMPDIR:-/tmp}/scrim-soak.XXXXXX")"
tick="$(getconf CLK_TCK)"
pid=""

finish() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap finish EXIT
trap 'exit 130' INT TERM

set -- start --input pattern --size 1280x720 --fps 30 --effect blur --effect dim
[ -n "$output" ] && set -- "$@" --output "$output"
XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" SCRIM_LOAD_DIR="$home/load" \
  "$root/scrim" "$@" >"$home/out" 2>"$home/err" &
pid=$!

# CPU time of the whole process in milliseconds (utime + stime; fields after the ")" of comm).
cpu_ms() { sed 's/.*) //' "/proc/$pid/stat" | awk -v t="$tick" '{ printf "%d", ($12 + $13) * 1000 / t }'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
# The last progress line: "scrim: N frames, F fps, model M, effects [...], dropped D".
progress() { grep -E '^scrim: [0-9]+ frames,' "$home/err" | tail -n 1; }
frames() { progress | sed -E 's/^scrim: ([0-9]+) frames.*/\1/'; }
dropped() { progress | sed -E 's/.*dropped ([0-9]+).*/\1/'; }
# Waits for the next progress line, so the CPU time read just after it matches its frame count.
next_progress() {
  n="$(grep -cE '^scrim: [0-9]+ frames,' "$home/err" || true)"
  while [ "$(grep -cE '^scrim: [0-9]+ frames,' "$home/err" || true)" -le "$n" ]; do
    alive
    sleep 0.05
  done
}
alive() {
  kill -0 "$pid" 2>/dev/null && return 0
  echo "soak: scrim ended early; its output:" >&2
  cat "$home/out" "$home/err" >&2
  exit 1
}

# The clock starts with the first frames (after start-up: the framework, the model, the JIT's first pass).
waited=0
while [ -z "$(progress)" ]; do
  alive
  waited=$((waited + 1))
  [ "$waited" -le 120 ] || { echo "soak: no frames after 120 s; scrim said:" >&2; cat "$home/err" >&2; exit 1; }
  sleep 1
done
echo "soak: pid $pid, $(grep -E '^scrim: [0-9]+ frames,' "$home/err" | tail -n 1 | sed -E 's/^scrim: [0-9]+ frames, [0-9.]+ fps, //'), output ${output:-none}, every ${interval}s for $minutes min"
next_progress
first_rss="$(rss_mb)"
cpu0="$(cpu_ms)"; frames0="$(frames)"; dropped0="$(dropped)"; t0="$(now_ms)"
cpu_prev="$cpu0"; frames_prev="$frames0"; dropped_prev="$dropped0"; t_prev="$t0"
elapsed=0
total=$((minutes * 60))
rss_after_1min=""
peak="$first_rss"
while [ "$elapsed" -lt "$total" ]; do
  sleep "$((interval - 1))"
  next_progress
  rss="$(rss_mb)"; cpu="$(cpu_ms)"; f="$(frames)"; d="$(dropped)"; t="$(now_ms)"
  elapsed=$(((t - t0 + 500) / 1000))
  awk -v e="$elapsed" -v rss="$rss" -v dc="$((cpu - cpu_prev))" -v df="$((f - frames_prev))" -v dd="$((d - dropped_prev))" -v dt="$((t - t_prev))" \
    'BEGIN { printf "soak: %3d:%02d  rss %7.1f MB  cpu %6.2f ms/frame  %5.1f fps  dropped %d\n", e / 60, e % 60, rss, (df > 0 ? dc / df : 0), df * 1000 / dt, dd }'
  [ -z "$rss_after_1min" ] && [ "$elapsed" -ge 60 ] && rss_after_1min="$rss"
  peak="$(awk -v a="$peak" -v b="$rss" 'BEGIN { print ((b > a) ? b : a) }')"
  cpu_prev="$cpu"; frames_prev="$f"; dropped_prev="$d"; t_prev="$t"
done
awk -v m="$minutes" -v r0="$first_rss" -v r1="${rss_after_1min:-$first_rss}" -v r="$rss" -v p="$peak" -v dc="$((cpu - cpu0))" \
  -v df="$((f - frames0))" -v dd="$((d - dropped0))" -v dt="$((t - t0))" \
  'BEGIN { printf "soak: summary %d min at 1280x720, blur+dim: rss %.1f MB at the first frames, %.1f MB after 1 min, %.1f MB at the end (%+.1f MB since minute 1), peak %.1f MB; cpu %.2f ms/frame; %.1f fps; %d frames, %d dropped\n",
    m, r0, r1, r, r - r1, p, (df > 0 ? dc / df : 0), df * 1000 / dt, df, dd }'
