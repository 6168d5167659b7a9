#!/bin/sh
# Register tern-aarch64 with the kernel's binfmt_misc, so that AArch64
# Linux programs run directly (./arm64-program, chroot arm64-rootfs).
# Optional; registering needs root.  See docs/linux-user.md.
#
#   scripts/binfmt-register.sh [--path TERN] [--name NAME] [--flags FLAGS]
#   scripts/binfmt-register.sh --unregister [--name NAME]
#   add --dry-run to print what would be written, and where, without root
#
# TERN defaults to build/tern-aarch64 of this tree (made absolute: the
# kernel needs an absolute interpreter path).  FLAGS defaults to F: the
# kernel opens tern when registering, so it also works inside a chroot or
# container that does not contain tern (its shared libraries must be
# there, though).  Refused: O and C (hand tern an open file descriptor;
# tern takes the program's path as argv[1]) and P (an extra argv[0]).
set -eu

BINFMT=/proc/sys/fs/binfmt_misc
name=tern-aarch64
flags=F
path=
action=register
dry=

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "$0"
    exit "$1"
}

while [ $# -gt 0 ]; do
    case $1 in
        --path) [ $# -ge 2 ] || usage 2; path=$2; shift ;;
        --name) [ $# -ge 2 ] || usage 2; name=$2; shift ;;
        --flags) [ $# -ge 2 ] || usage 2; flags=$2; shift ;;
        --unregister) action=unregister ;;
        --dry-run) dry=1 ;;
        -h|--help) usage 0 ;;
        *) echo "binfmt-register.sh: unknown option '$1'" >&2; usage 2 ;;
    esac
    shift
done

case $name in
    ''|*/*|*:*|.|..) echo "binfmt-register.sh: --name '$name': not a valid entry name" >&2; exit 2 ;;
esac

# Writes $2 to file $1, or says so with --dry-run.
put() {
    if [ -n "$dry" ]; then
        printf 'would write to %s: %s\n' "$1" "$2"
    else
        printf '%s' "$2" > "$1"
    fi
}

need_binfmt() {
    [ -n "$dry" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "binfmt-register.sh: needs root (binfmt_misc is system-wide); try sudo, or --dry-run" >&2
        exit 1
    fi
    if [ ! -e "$BINFMT/register" ]; then
        mount -t binfmt_misc binfmt_misc "$BINFMT" || {
            echo "binfmt-register.sh: cannot mount binfmt_misc on $BINFMT" >&2
            exit 1
        }
    fi
}

if [ "$action" = unregister ]; then
    need_binfmt
    if [ -z "$dry" ] && [ ! -e "$BINFMT/$name" ]; then
        echo "binfmt-register.sh: $name is not registered" >&2
        exit 1
    fi
    put "$BINFMT/$name" -1
    exit 0
fi

case $flags in
    *[!POCF]*) echo "binfmt-register.sh: --flags '$flags': binfmt_misc knows P, O, C and F" >&2; exit 2 ;;
    *[OC]*) echo "binfmt-register.sh: --flags '$flags': tern-aarch64 cannot run from a file descriptor (O, C)" >&2; exit 2 ;;
    *P*) echo "binfmt-register.sh: --flags '$flags': tern-aarch64 would take the preserved argv[0] (P) for the program's first argument" >&2; exit 2 ;;
esac

if [ -z "$path" ]; then
    path=$(cd "$(dirname "$0")/.." && pwd)/build/tern-aarch64
fi
case $path in
    /*) ;;
    *) path=$(cd "$(dirname "$path")" && pwd)/$(basename "$path") ;;
esac
if [ -z "$dry" ] && [ ! -x "$path" ]; then
    echo "binfmt-register.sh: $path: not an executable (build it with make, or give --path)" >&2
    exit 1
fi

# ELF header of a 64-bit little-endian AArch64 executable or shared
# object: "\177ELF", class 2 (64-bit), data 1 (LE), version 1, any OS ABI
# (masked), padding, e_type 2 or 3 (EXEC or DYN: mask 0xfe), e_machine 183.
magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

need_binfmt
if [ -z "$dry" ] && [ -e "$BINFMT/$name" ]; then
    # Replace an older registration under the same name.
    put "$BINFMT/$name" -1
fi
put "$BINFMT/register" ":$name:M::$magic:$mask:$path:$flags"
