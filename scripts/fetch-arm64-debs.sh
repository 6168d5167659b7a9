#!/bin/bash
# Download Debian arm64 packages and unpack them into a sysroot for
# `tern-aarch64 -L`, without changing the machine's dpkg architectures and
# without touching apt's own state (lists, cache, dpkg status).
#
#   scripts/fetch-arm64-debs.sh          the packages in tests/debian/packages
#   scripts/fetch-arm64-debs.sh PKG...   these packages instead
#
# Dependencies (Depends and Pre-Depends, recursively) are resolved by apt
# for arm64.  Everything lives under build/:
#   build/debs/lists/     apt's package lists for arm64 (private copy)
#   build/debs/cache/     apt's cache directory (private copy)
#   build/debs/*.deb      the downloaded packages
#   build/debs/resolved   the last dependency closure (request + packages)
#   build/sysroot-arm64/  the unpacked files (dpkg-deb -x); .tern-debs/
#                         records which .deb each package was unpacked from
# TERN_DEBS_DIR and TERN_SYSROOT override these two directories.
#
# The archive is the one the machine's apt sources name (on Debian 12:
# bookworm, the same versions as the host's own busybox and coreutils,
# which the tests compare against).
#
# Cached: a package with a .deb in build/debs is not downloaded again, one
# already unpacked is not unpacked again, and the package lists are only
# refreshed (apt-get update) when something must be resolved or downloaded
# and they are missing or more than a day old.  A warm run makes no
# network access.  To start over: rm -rf build/debs build/sysroot-arm64.
#
# Exit status 0 when every package is in the sysroot, 1 otherwise (with
# the reason, e.g. "cannot reach the Debian archive: ...").
set -u
export LC_ALL=C

me=fetch-arm64-debs
SRC=$(cd "$(dirname "$0")/.." && pwd)
DEBS=${TERN_DEBS_DIR:-$SRC/build/debs}
SYSROOT=${TERN_SYSROOT:-$SRC/build/sysroot-arm64}
PKGLIST=$SRC/tests/debian/packages

say() { echo "$me: $*"; }
# The reason of a failure also goes to build/debs/last-error, where
# tests/debian/run-arm64.sh finds it; a successful run removes it.
die() {
    echo "$me: $*" >&2
    if [ -d "$DEBS" ]; then echo "$me: $*" > "$DEBS/last-error"; fi
    exit 1
}
# Paths in messages relative to the source tree when they are inside it.
rel() { case $1 in "$SRC"/*) echo "${1#"$SRC"/}" ;; *) echo "$1" ;; esac; }

case ${1:-} in
-h|--help)
    sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0"
    exit 0 ;;
-*) die "unknown option '$1' (see --help)" ;;
esac

for tool in apt-get apt-cache dpkg-deb; do
    command -v "$tool" > /dev/null 2>&1 ||
        die "$tool not found: fetching Debian packages needs a Debian host with apt"
done

# What to fetch.
if [ $# -gt 0 ]; then
    request=("$@")
else
    [ -r "$PKGLIST" ] || die "$(rel "$PKGLIST") not found"
    mapfile -t request < <(sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$PKGLIST")
    [ ${#request[@]} -gt 0 ] || die "$(rel "$PKGLIST") lists no package"
fi

mkdir -p "$DEBS/lists/partial" "$DEBS/cache/archives/partial" \
         "$SYSROOT/.tern-debs" || die "cannot create $(rel "$DEBS")"

# One fetch at a time (make check in two build directories at once).
if command -v flock > /dev/null 2>&1; then
    exec 9> "$DEBS/.lock"
    flock 9
fi

# apt sees only arm64, keeps its lists and cache in build/debs and starts
# from an empty dpkg status, so nothing of the host's own (amd64) package
# state mixes in and nothing of it changes.  The sources are the machine's.
# A binary cache of the lists in build/debs/cache (Docker images switch it
# off for the system's apt) makes each apt-cache call 0.2 s instead of 0.7.
apt_opts=(
    -o APT::Architecture=arm64
    -o APT::Architectures=arm64
    -o "Dir::State::Lists=$DEBS/lists"
    -o "Dir::Cache=$DEBS/cache"
    -o Dir::State::status=/dev/null
    -o Dir::Cache::pkgcache=pkgcache.bin
)
# apt downloads as the unprivileged user _apt, who may not write to the
# build directory of a root-owned checkout; as root, download as root
# rather than have apt warn about it on every run.
download_opts=()
if [ "$(id -u)" -eq 0 ]; then
    download_opts=(-o APT::Sandbox::User=root)
fi

stamp=$DEBS/lists/.tern-updated
log=$DEBS/apt.log
updated=no

lists_present() {
    compgen -G "$DEBS/lists/*_binary-arm64_Packages*" > /dev/null
}

lists_fresh() {
    [ -f "$stamp" ] && lists_present &&
        [ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ]
}

# apt_reason: the first error or warning of the last apt run, one line.
apt_reason() {
    local line
    line=$(grep -m1 '^E: ' "$log" || grep -m1 '^W: ' "$log" || true)
    if [ -z "$line" ]; then
        line=$(grep -v '^ *$' "$log" | tail -n 1)
    fi
    line=${line#*: }
    echo "${line:-apt-get gave no reason}" | tr -s ' '
}

# apt_failure WHAT: explain why the last apt run failed.
apt_failure() {
    local reason
    reason=$(apt_reason)
    if grep -qiE 'failed to fetch|could not (resolve|connect)|unable to connect|temporary failure|connection|timed? ?out|network' "$log"; then
        echo "cannot reach the Debian archive: $reason"
    else
        echo "$1 failed: $reason"
    fi
}

update_lists() {
    [ "$updated" = yes ] && return 0
    say "refreshing the arm64 package lists (apt-get update)"
    apt-get -q --error-on=any "${apt_opts[@]}" update > "$log" 2>&1
    local st=$?
    sed 's/^/  /' "$log"
    updated=yes
    if [ $st -ne 0 ]; then
        if lists_present; then
            say "warning: $(apt_failure "apt-get update"); using the lists from $(find "$DEBS/lists" -maxdepth 1 -name '*_Packages*' -printf '%TY-%Tm-%Td %TH:%TM\n' | sort | tail -n 1)"
            return 0
        fi
        die "$(apt_failure "apt-get update")"
    fi
    lists_present ||
        die "apt-get update fetched no arm64 package list: do the machine's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) restrict Architectures?"
    touch "$stamp"
}

resolve() {
    local out known missing=() p
    # Unknown and purely virtual names first, by name: `apt-cache policy`
    # leaves out the unknown ones and gives virtual ones no candidate.
    known=$(apt-cache "${apt_opts[@]}" policy "${request[@]}" 2> /dev/null |
            awk '/^[^ ].*:$/ { p = substr($0, 1, length($0) - 1) }
                 /^  Candidate: / && $2 != "(none)" { print p }')
    for p in "${request[@]}"; do
        grep -qxF -- "$p" <<< "$known" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        die "no arm64 package named: ${missing[*]} (in the lists of the machine's apt sources)"
    fi
    out=$(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends \
              --no-suggests --no-conflicts --no-breaks --no-replaces \
              --no-enhances "${request[@]}" 2> "$log") ||
        die "apt-cache depends failed: $(apt_reason)"
    # Package lines start in column 0; <name> is a virtual package,
    # provided by one of the real ones that are listed anyway.
    closure=()
    mapfile -t closure < <(printf '%s\n' "$out" | grep -v '^[[:space:]<]' | sort -u)
    { echo "# request: ${request[*]}"; printf '%s\n' "${closure[@]}"; } \
        > "$DEBS/resolved"
}

deb_of() {
    compgen -G "$DEBS/$1_*.deb" | sort | tail -n 1
}

# 1. The dependency closure: from the last run when the request is the
#    same and the lists have not changed since.
closure=()
if [ -f "$DEBS/resolved" ] &&
   [ "$(head -n 1 "$DEBS/resolved")" = "# request: ${request[*]}" ] &&
   { [ ! -f "$stamp" ] || [ ! "$stamp" -nt "$DEBS/resolved" ]; }; then
    mapfile -t closure < <(tail -n +2 "$DEBS/resolved")
fi
if [ ${#closure[@]} -eq 0 ]; then
    lists_fresh || update_lists
    resolve
fi

# 2. Download what is not there yet.
need=()
for p in "${closure[@]}"; do
    [ -n "$(deb_of "$p")" ] || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    lists_fresh || update_lists
    say "downloading ${#need[@]} package(s): ${need[*]}"
    (cd "$DEBS" &&
     apt-get -q "${apt_opts[@]}" ${download_opts[@]+"${download_opts[@]}"} \
         download "${need[@]}") > "$log" 2>&1
    st=$?
    sed 's/^/  /' "$log"
    [ $st -eq 0 ] || die "$(apt_failure "apt-get download")"
    for p in "${need[@]}"; do
        [ -n "$(deb_of "$p")" ] || die "apt-get download did not leave a .deb for $p in $(rel "$DEBS")"
    done
fi

# 3. Unpack what is new or changed.
unpacked=()
for p in "${closure[@]}"; do
    deb=$(deb_of "$p")
    rec=$SYSROOT/.tern-debs/$p
    if [ -f "$rec" ] && [ "$(cat "$rec")" = "$(basename "$deb")" ]; then
        continue
    fi
    dpkg-deb -x "$deb" "$SYSROOT" || die "dpkg-deb -x $(rel "$deb") failed"
    basename "$deb" > "$rec"
    unpacked+=("$p")
done

# 4. What a dynamic glibc program needs from -L.
for p in "${closure[@]}"; do
    if [ "$p" = libc6 ] && [ ! -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ]; then
        die "$(rel "$SYSROOT")/lib/ld-linux-aarch64.so.1 missing after unpacking libc6"
    fi
done

rm -f "$DEBS/last-error"
total=0
for p in "${closure[@]}"; do
    total=$((total + $(stat -c %s "$(deb_of "$p")")))
done
say "${#closure[@]} package(s) ($(( (total + 524288) / 1048576 )) MiB of .debs in $(rel "$DEBS")): ${#need[@]} downloaded, ${#unpacked[@]} unpacked into $(rel "$SYSROOT")"
if [ ${#unpacked[@]} -gt 0 ]; then
    say "unpacked: ${unpacked[*]}"
fi
exit 0
