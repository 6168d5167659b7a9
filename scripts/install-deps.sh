#!/bin/sh
# The one list of Debian packages tern's build and tests need.  Installs
# whatever is missing; does nothing (and needs no network) when all are
# present.  Run as root or as a user who may sudo.  Debian 12 (bookworm).
#
# Sanitizers need no extra package: gcc-12 depends on libgcc-12-dev, which
# brings libasan8 and libubsan1.
set -eu

packages="
build-essential
pkg-config
libglib2.0-dev
libcapstone-dev
libffi-dev
libsdl2-dev
libfdt-dev
libslirp-dev
libjson-glib-dev
perl
gcc-aarch64-linux-gnu
libc6-dev-arm64-cross
qemu-user
qemu-system-x86
busybox
python3
sqlite3
xz-utils
gzip
bzip2
zstd
lua5.4
openssl
"

missing=
for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *" installed") ;;
    *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=
elif command -v sudo >/dev/null 2>&1; then
    sudo=sudo
else
    echo "install-deps: need root (or sudo) to install:$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing:$missing"
# Refresh the package index only when it does not know our packages yet
# (a fresh container has an empty one).
if ! apt-cache policy libcapstone-dev 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $sudo apt-get update
fi
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $missing
