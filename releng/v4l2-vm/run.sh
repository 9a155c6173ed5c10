#!/bin/bash
# usage: run.sh GUEST_SCRIPT [ARGS...]
# Boots the device test VM (made by setup.sh), runs GUEST_SCRIPT in it with bash, streams the
# guest's console to stdout (and $VM/run/console.log) and exits with the script's status
# (125 when the guest ended without one, e.g. on a timeout of $SCRIM_VM_TIMEOUT seconds).
#
# In the guest the host's /usr and /etc are mounted read-only, this repo read-only and the
# work dir $VM read-write, each at its host path. The script gets SCRIM_REPO, SCRIM_VM_DIR
# (kernel modules in $SCRIM_VM_DIR/root) and SCRIM_VM_WORK ($VM/run, for its files).
# The guest's JavaCPP native cache, $VM/run/cache/scrim/javacpp, is seeded from the host's
# so that Scrim does not extract ~250 MB of natives through 9p in the guest.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VM="${SCRIM_VM_DIR:-$HOME/.cache/scrim/v4l2-vm}"
[ $# -ge 1 ] || { echo "usage: $0 GUEST_SCRIPT [ARGS...]" >&2; exit 2; }
[ -s "$VM/initrd.img" ] || { echo "run.sh: no VM in $VM; run releng/v4l2-vm/setup.sh (as root) first" >&2; exit 2; }
script="$(realpath "$1")"; shift
case "$script" in
  "$REPO"/*|"$VM"/*) ;;
  *) echo "run.sh: $script is not in the repo or in $VM, so the guest cannot see it" >&2; exit 2 ;;
esac
case "$REPO$VM" in *' '*) echo "run.sh: paths with spaces are not supported: $REPO $VM" >&2; exit 2 ;; esac
WORK="$VM/run"; LOG="$WORK/console.log"
# one VM at a time per work dir: a second run waits (up to 15 min) instead of sharing $WORK
exec 9>"$VM/run.lock"
flock -n 9 || { echo "run.sh: another run is using $VM; waiting"; flock -w 900 9; } || { echo "run.sh: gave up waiting" >&2; exit 2; }
mkdir -p "$WORK"; rm -f "$LOG"; touch "$LOG"
{ printf 'exec bash'; printf ' %q' "$script" "$@"; echo; } > "$WORK/command.sh"

# seed the guest's JavaCPP cache (cp -a keeps the times JavaCPP compares; -n keeps what is there)
DIST="$REPO/releng/scrim.distribution/target/scrim"
HOSTCACHE="${XDG_CACHE_HOME:-$HOME/.cache}/scrim/javacpp"
if [ -x "$DIST/scrim" ]; then
  [ -d "$HOSTCACHE" ] || "$DIST/scrim" list >/dev/null 2>&1 || true   # first start extracts the natives
  if [ -d "$HOSTCACHE" ]; then
    mkdir -p "$WORK/cache/scrim/javacpp" && cp -a -n "$HOSTCACHE/." "$WORK/cache/scrim/javacpp/"
  fi
fi

echo "run.sh: booting $(readlink "$VM/vmlinuz" | sed 's#.*/##') for $script $*"
# One host thread for all guest CPUs: with multi-threaded TCG a JVM in the guest died with
# SIGILL in freshly JIT-compiled code (code written on one vCPU, run on another).
timeout "${SCRIM_VM_TIMEOUT:-2400}" qemu-system-x86_64 -machine q35 -accel tcg,thread=single -cpu qemu64 \
  -smp "${SCRIM_VM_CPUS:-2}" -m 4096 -kernel "$VM/vmlinuz" -initrd "$VM/initrd.img" \
  -append "console=ttyS0 loglevel=4 panic=-1 rdinit=/init scrim_vm=$VM scrim_repo=$REPO" \
  -display none -no-reboot -monitor none -chardev "file,id=console,path=$LOG,append=on" -serial chardev:console \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
  -virtfs local,path=/usr,mount_tag=hostusr,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path=/etc,mount_tag=hostetc,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$REPO,mount_tag=repo,security_model=none,readonly=on,multidevs=remap" \
  -virtfs "local,path=$VM,mount_tag=vm,security_model=none,multidevs=remap" &
qemu=$!
tail -n +1 -f --pid=$qemu "$LOG" | tr -d '\r' &
tailer=$!
q=0; wait $qemu || q=$?
wait $tailer || true
# isa-debug-exit: qemu's status is (guest status << 1) | 1; an even status means no verdict
if [ $((q & 1)) = 1 ]; then rc=$((q >> 1)); else echo "run.sh: the guest ended without a status (qemu status $q)"; rc=125; fi
echo "run.sh: guest status $rc"
exit $rc
