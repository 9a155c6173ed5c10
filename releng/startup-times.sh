#!/bin/sh
# Usage: releng/startup-times.sh [RUNS]
#
# Measures how long Scrim takes to start, as a user sees it, and prints a table (median and
# slowest wall time of RUNS runs, default 5, after one warm-up run that fills the JavaCPP native
# cache; and the median CPU time the process used until then, all threads, which varies less
# than wall time when other work shares the machine):
#   - wall time of `scrim list`, `scrim doctor` and
#     `scrim run --input pattern --frames 1 --output x.y4m` until they exit;
#   - under Xvfb (no window manager): from launching `scrim --input pattern` until the control
#     window is mapped (polled with xwininfo about every 15 ms), and until the preview shows a frame
#     (the window's picture then holds hundreds of colours instead of a few dozen; polled with
#     ImageMagick's import every ~50 ms, so that figure is coarser).
# Not part of CI. Config, data and cache folders are throw-away (the saved setup is untouched).
# The distribution is built first if absent (see ./scrim).
set -eu

runs="${1:-5}"
case "$runs" in
  ''|*[!0-9]*|0) echo "usage: releng/startup-times.sh [RUNS]   (RUNS: a whole number above 0)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$(mktemp -d "${TMPDIR:-/tmp}/scrim-startup.XXXXXX")"
# STARTUP_SCRIM: another built distribution's scrim script, to compare two builds
scrim="${STARTUP_SCRIM:-$root/releng/scrim.distribution/target/scrim/scrim}"
xpid=""
pid=""

finish() {
  for p in $pid $xpid; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$home"
}
trap finish EXIT INT TERM

export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/run" SCRIM_LOAD_DIR="$home/load"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
[ -x "$scrim" ] || "$root/scrim" --help >/dev/null

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
tick="$(getconf CLK_TCK)"

# median and maximum of the first column of a file, median of the second
stats() {
  sort -n "$1" | awk '{v[NR]=$1} END {printf "%6d %6d", v[int((NR+1)/2)], v[NR]}'
  sort -n -k2 "$1" | awk '{v[NR]=$2} END {printf " %6d", v[int((NR+1)/2)]}'
}

# "WALL CPU" in ms of a command that exits; a failure stops the script (doctor may exit 1:
# it says what is missing on this machine, which is still a complete answer)
timed() {
  t0=$(now)
  status=0
  # the shell's times builtin: its second line is the CPU time of its children
  sh -c '"$@" >"$0" 2>&1; s=$?; times >"$0.cpu"; exit $s' "$home/out.log" "$@" || status=$?
  t1=$(now)
  if [ "$status" -ne 0 ] && ! { [ "$2" = doctor ] && [ "$status" -eq 1 ]; }; then
    echo "startup-times: '$*' failed:" >&2; cat "$home/out.log" >&2; exit 1
  fi
  cpu=$(sed -n 2p "$home/out.log.cpu" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%d", n * 1000 }')
  echo "$(ms "$t0" "$t1") $cpu"
}

# CPU time in ms a running process has used so far (all its threads)
cpu_of() { awk -v t="$tick" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }

echo "warming up (JavaCPP extracts its natives once)..." >&2
timed "$scrim" run --input pattern --frames 1 --output "$home/x.y4m" >/dev/null

for i in $(seq "$runs"); do
  timed "$scrim" list >>"$home/list"
  timed "$scrim" doctor >>"$home/doctor"
  timed "$scrim" run --input pattern --frames 1 --output "$home/x.y4m" >>"$home/start"
done

window="skipped (needs Xvfb, xwininfo and ImageMagick's import)"
if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null && command -v import >/dev/null; then
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$home/display" 2>"$home/xvfb.log" &
  xpid=$!
  while [ ! -s "$home/display" ]; do sleep 0.05; done
  export DISPLAY=":$(cat "$home/display")"
  for i in $(seq "$runs"); do
    t0=$(now)
    "$scrim" --input pattern >"$home/window.log" 2>&1 &
    pid=$!
    id=""
    while [ -z "$id" ]; do
      if ! kill -0 "$pid" 2>/dev/null || [ $(( ($(now) - t0) / 1000000 )) -gt 30000 ]; then
        echo "startup-times: the window did not open within 30 s:" >&2; cat "$home/window.log" >&2; exit 1
      fi
      # the top-level shell's title starts with Scrim (it may carry the state after it)
      for w in $(xwininfo -root -children 2>/dev/null | awk '/ "Scrim/ {print $1}'); do
        xwininfo -id "$w" 2>/dev/null | grep -q 'Map State: IsViewable' && id=$w
      done
      [ -n "$id" ] || sleep 0.01
    done
    echo "$(ms "$t0" "$(now)") $(cpu_of "$pid")" >>"$home/mapped"
    colours=0
    while [ "$colours" -lt 500 ]; do
      colours=$(import -window "$id" -format '%k' info: 2>/dev/null || echo 0)
      if [ $(( ($(now) - t0) / 1000000 )) -gt 30000 ]; then
        echo "startup-times: no preview frame within 30 s:" >&2; cat "$home/window.log" >&2; exit 1
      fi
    done
    echo "$(ms "$t0" "$(now)") $(cpu_of "$pid")" >>"$home/preview"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
  done
  window=""
fi

printf '%-58s %6s %6s %6s\n' "Scrim start-up ($runs runs, ms)" median max CPU
printf '%-58s %s\n' "scrim list (to exit)" "$(stats "$home/list")"
printf '%-58s %s\n' "scrim doctor (to exit)" "$(stats "$home/doctor")"
printf '%-58s %s\n' "scrim run --input pattern --frames 1 --output x.y4m" "$(stats "$home/start")"
if [ -z "$window" ]; then
  printf '%-58s %s\n' "scrim --input pattern: window mapped" "$(stats "$home/mapped")"
  printf '%-58s %s\n' "scrim --input pattern: first frame in the preview" "$(stats "$home/preview")"
else
  echo "window: $window"
fi
