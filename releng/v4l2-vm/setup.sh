#!/bin/bash
# One-time setup for the device test VM (see README.md), on Debian 12; root is needed only to
# apt-get install the host packages.
# Work dir: $SCRIM_VM_DIR, default ~/.cache/scrim/v4l2-vm (~600 MB, outside the repo).
# Idempotent: every stage is skipped when its result is already there.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VM="${SCRIM_VM_DIR:-$HOME/.cache/scrim/v4l2-vm}"
PACKAGES="qemu-system-x86 busybox-static kmod v4l-utils ffmpeg gcc make bc"
export DEBIAN_FRONTEND=noninteractive
T0=$SECONDS
say() { echo "setup: $* ($((SECONDS - T0)) s)"; }
mkdir -p "$VM"

updated=
apt_update() { [ -n "$updated" ] || { apt-get update -qq; updated=1; }; }

# 1. host packages
missing=$(for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"; done)
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || { echo "setup: run me as root to install:" $missing >&2; exit 1; }
  apt_update
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
  say "installed" $missing
fi

# 2. guest kernel (Debian bookworm's newest amd64 kernel ABI), headers and the v4l2loopback source
if [ ! -s "$VM/kernel-version" ]; then
  apt_update
  KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
  [ -n "$KPKG" ] || { echo "setup: cannot resolve linux-image-amd64" >&2; exit 1; }
  KVER=${KPKG#linux-image-}                              # e.g. 6.1.0-37-amd64
  KBV=$(echo "$KVER" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/') # e.g. 6.1
  rm -rf "$VM/debs" "$VM/root" && mkdir -p "$VM/debs" "$VM/root"
  (cd "$VM/debs" && apt-get download -q "$KPKG" "linux-headers-$KVER" "linux-headers-${KVER%-amd64}-common" \
      "linux-kbuild-$KBV" v4l2loopback-dkms >/dev/null)
  for d in "$VM"/debs/*.deb; do dpkg -x "$d" "$VM/root"; done
  rm -rf "$VM/debs"
  echo "$KVER" > "$VM/kernel-version"
  say "kernel $KVER unpacked"
fi
KVER=$(cat "$VM/kernel-version")

# 3. v4l2loopback built for that kernel
KO="$VM/root/lib/modules/$KVER/extra/v4l2loopback.ko"
if [ ! -f "$KO" ]; then
  H="$VM/root/usr/src/linux-headers-$KVER"
  sed -i "s#include /usr/src/#include $VM/root/usr/src/#" "$H/Makefile"   # its include is absolute
  rm -rf "$VM/v4l2loopback" && cp -r "$VM"/root/usr/src/v4l2loopback-* "$VM/v4l2loopback"
  make -s -C "$H" M="$VM/v4l2loopback" modules
  mkdir -p "$(dirname "$KO")" && cp "$VM/v4l2loopback/v4l2loopback.ko" "$KO"
  depmod -b "$VM/root" "$KVER"
  say "v4l2loopback built"
fi
ln -sfn "root/boot/vmlinuz-$KVER" "$VM/vmlinuz"

# 3b. a newer v4l2loopback, Debian 13's (0.13 and later have the client-usage event Scrim counts
#     consumers with), built for the same kernel into $VM/v4l2loopback-new for step j, which loads it
#     in place of the first. Its package index comes from the Debian mirror this machine already
#     uses; where there is none (not Debian), step j says it was skipped.
NEW="$VM/v4l2loopback-new"
if [ ! -f "$NEW/v4l2loopback.ko" ]; then
  mirror=$(apt-get indextargets --format '$(REPO_URI) $(ORIGIN) $(CODENAME)' 'Identifier: Packages' 2>/dev/null \
           | awk '$2 == "Debian" && $3 !~ /-/ { print $1; exit }')
  if [ -n "$mirror" ]; then
    A="$VM/apt-trixie"; rm -rf "$A" && mkdir -p "$A/lists/partial" "$A/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$A/sources.list"
    opts=(-o Dir::Etc::sourcelist="$A/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache")
    opts+=(-o APT::Sandbox::User=root)
    if apt-get -qq "${opts[@]}" update && (cd "$A" && apt-get -qq "${opts[@]}" download v4l2loopback-dkms 2>/dev/null); then
      rm -rf "$A/x" "$NEW" && dpkg -x "$A"/v4l2loopback-dkms_*.deb "$A/x" && cp -r "$A"/x/usr/src/v4l2loopback-* "$NEW"
      make -s -C "$VM/root/usr/src/linux-headers-$KVER" M="$NEW" modules
      say "v4l2loopback $(modinfo -F version "$NEW/v4l2loopback.ko") built for step j"
    else
      say "no Debian 13 v4l2loopback source: step j (the client-usage event) will be skipped"
    fi
    rm -rf "$A"
  else
    say "no Debian mirror configured: step j (the client-usage event) will be skipped"
  fi
fi

# 4. initramfs: static busybox, the virtio/9p modules and our /init (rebuilt when init changes)
if ! cmp -s "$HERE/init" "$VM/initrd/init" || [ ! -s "$VM/initrd.img" ]; then
  M="$VM/root/lib/modules/$KVER/kernel"
  rm -rf "$VM/initrd" && mkdir -p "$VM"/initrd/{bin,mod,proc,sys,dev,newroot}
  cp /bin/busybox "$VM/initrd/bin/busybox"
  for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev \
           drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci fs/netfs/netfs \
           fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p; do
    cp "$M/$m.ko" "$VM/initrd/mod/"
  done
  install -m 755 "$HERE/init" "$VM/initrd/init"
  (cd "$VM/initrd" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$VM/initrd.img.new"
  mv "$VM/initrd.img.new" "$VM/initrd.img"
  say "initramfs built"
fi
say "ready in $VM (kernel $KVER)"
