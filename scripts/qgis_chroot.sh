#!/usr/bin/env bash
# Run a command on another QGIS release, in a cached Debian chroot.
#
#   scripts/qgis_chroot.sh QGIS_VERSION [COMMAND...]     (default command: a shell)
#   scripts/qgis_chroot.sh --build QGIS_VERSION           (only make sure the chroot exists)
#
# QGIS 3.40 LTR comes from Debian 13 (trixie), QGIS 3.44 from Debian sid. Each chroot is made
# with `debootstrap --variant=minbase` under ${BEOD_CHROOT_CACHE:-/var/cache/beod-qgis-chroots}/<suite>
# (outside the repository, so every clone on the machine shares it) and rebuilt only when its
# package list changes (a stamp holds the hash of the list). The repository is bind-mounted at
# its own path, so the project's Makefile runs unchanged inside; the command runs as the caller's
# user. The mounts (/proc, /dev, /dev/pts, a tmpfs on /dev/shm, the repository) are removed and
# the processes left in the chroot are ended when the command ends, fails or is interrupted.
#
# Environment: APT_PACKAGES (the Makefile's list; the harness adds its own tools),
# BEOD_DEBIAN_MIRROR (default: http://deb.debian.org/debian), BEOD_CHROOT_CACHE, BEOD_CHROOT_SHARE
# (folders outside the repository that tests read, shown read-only; default: /work/shared/seed).
set -euo pipefail
{ # read whole before it runs: an edit of this file (e.g. a checkout) cannot derail a running build

HARNESS_VERSION=1
CACHE=${BEOD_CHROOT_CACHE:-/var/cache/beod-qgis-chroots}
MIRROR=${BEOD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# Tools the harness and the tests need besides the Makefile's list.
EXTRA_PACKAGES="ca-certificates make git procps python3-pip fonts-dejavu-core"

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

ORIGINAL_ARGS=("$@")
BUILD_ONLY=0
if [ "${1:-}" = "--build" ]; then BUILD_ONLY=1; shift; fi
[ $# -ge 1 ] || usage
QGIS_VERSION=$1; shift
case "$QGIS_VERSION" in
    3.40) SUITE=trixie ;;
    3.44) SUITE=sid ;;
    *) echo "qgis_chroot: no chroot for QGIS $QGIS_VERSION (known: 3.40, 3.44)" >&2; exit 2 ;;
esac

# Root is needed for debootstrap, mounts and chroot: come back through sudo, as for apt.
if [ "$(id -u)" != 0 ]; then
    pass=(BEOD_RUN_UID="$(id -u)" BEOD_RUN_GID="$(id -g)" BEOD_CHROOT_CACHE="$CACHE" BEOD_DEBIAN_MIRROR="$MIRROR"
          APT_PACKAGES="${APT_PACKAGES:-}" BEOD_CHROOT_SHARE="${BEOD_CHROOT_SHARE-/work/shared/seed}")
    while IFS='=' read -r name value; do pass+=("$name=$value"); done \
        < <(env | grep -E '^(PIP_[A-Z_]+|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|QT_QPA_PLATFORM)=' || true)
    exec sudo -- env "${pass[@]}" "$0" "${ORIGINAL_ARGS[@]}"
fi
# Own mount and PID namespaces: the mounts of this run are invisible to the rest of the machine
# (and to anyone else using the same chroot), and when the run ends, however it ends (even
# SIGKILL), the kernel ends every process it left and drops its mounts. The traps below still
# unmount and end processes in order on a normal exit, a failure or Ctrl-C.
if [ -z "${BEOD_CHROOT_NAMESPACE:-}" ]; then
    exec unshare --mount --propagation private --pid --fork --kill-child --mount-proc \
        -- env BEOD_CHROOT_NAMESPACE=1 "$0" "${ORIGINAL_ARGS[@]}"
fi
RUN_UID=${BEOD_RUN_UID:-0}
RUN_GID=${BEOD_RUN_GID:-0}

ROOT="$CACHE/$SUITE"
STAMP="$ROOT/.beod-stamp"
if [ -z "${APT_PACKAGES:-}" ]; then  # the Makefile's list, as `make deps` installs it on the host
    APT_PACKAGES=$(make --no-print-directory -s -C "$REPO" --eval 'beod-apt-packages: ; @echo $(APT_PACKAGES)' beod-apt-packages)
fi
PACKAGES=$(echo "$APT_PACKAGES" "$EXTRA_PACKAGES" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')
WANT=$(printf '%s\n' "$HARNESS_VERSION" "$SUITE" "$MIRROR" "$PACKAGES" | sha256sum | cut -d' ' -f1)
mkdir -p "$CACHE"

log() { echo "qgis_chroot[$SUITE]: $*" >&2; }

# -- mounts and processes, always cleaned ----------------------------------------------------------
MOUNTED=()   # mount points in the order they were made
mount_in() { # mount_in TARGET MOUNT-ARGS...
    local target=$1; shift
    mkdir -p "$target"
    mount "$@" "$target"
    MOUNTED+=("$target")
}

end_processes() { # every process of this run (own PID namespace) whose root is inside $1
    local root=$1 pid link signal
    for signal in TERM KILL; do
        local found=0
        for link in /proc/[0-9]*/root; do
            pid=${link#/proc/}; pid=${pid%/root}
            [ "$pid" = "$$" ] && continue
            case "$(readlink "$link" 2>/dev/null)" in
                "$root"|"$root"/*) kill -s "$signal" "$pid" 2>/dev/null && found=1 ;;
            esac
        done
        if [ "$found" = 0 ]; then return 0; fi
        if [ "$signal" = TERM ]; then sleep 2; fi
    done
    return 0
}

unmount_all() { # unmount in reverse order, then anything still mounted below $1
    local root=$1 i target
    for ((i=${#MOUNTED[@]}-1; i>=0; i--)); do
        target=${MOUNTED[$i]}
        umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
    done
    MOUNTED=()
    # Anything else below $1 in this run's mount namespace (deepest first).
    { findmnt -rn -o TARGET || true; } | { grep -E "^$(printf '%s' "$root" | sed 's/[.[\*^$/]/\\&/g')(/|$)" || true; } | sort -r \
        | while read -r target; do umount "$target" 2>/dev/null || umount -l "$target" || true; done \
        || true
}

cleanup_root() {
    end_processes "$1"
    unmount_all "$1"
}

CURRENT=""
on_exit() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ -n "$CURRENT" ]; then cleanup_root "$CURRENT"; fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mount_system() { # the kernel file systems a chroot needs
    local root=$1
    mount_in "$root/proc" -t proc proc
    mount_in "$root/dev" --bind /dev
    mount --make-rslave "$root/dev"
    mount_in "$root/dev/pts" -t devpts devpts -o newinstance,ptmxmode=0666
    mount_in "$root/dev/shm" -t tmpfs -o mode=1777,size=1g tmpfs
}

# -- build -------------------------------------------------------------------------------------------
host_ca_certificates() { # the CA certificates the host added, and its pip configuration
    local root=$1 file
    mkdir -p "$root/usr/local/share/ca-certificates"
    if [ -d /usr/local/share/ca-certificates ]; then
        cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
    fi
    for file in /etc/pip.conf /etc/xdg/pip; do
        if [ -e "$file" ]; then mkdir -p "$root$(dirname "$file")"; cp -a "$file" "$root$file"; fi
    done
}

build() {
    local tmp="$ROOT.build"
    log "building the chroot for QGIS $QGIS_VERSION (Debian $SUITE) in $ROOT; packages: $PACKAGES"
    CURRENT=$tmp
    cleanup_root "$tmp"
    rm -rf --one-file-system "$tmp"
    if ! command -v debootstrap >/dev/null; then  # a fresh host: the tool comes from Debian, as QGIS does
        log "installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null \
            || { apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null; } \
            || { log "debootstrap is missing and could not be installed"; return 1; }
    fi
    debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$tmp" "$MIRROR" >"$CACHE/$SUITE.debootstrap.log" 2>&1 \
        || { tail -n 30 "$CACHE/$SUITE.debootstrap.log" >&2; log "debootstrap failed"; return 1; }
    # No service starts in a chroot; sid's Release file may be past its Valid-Until date.
    printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"
    chmod 755 "$tmp/usr/sbin/policy-rc.d"
    cat > "$tmp/etc/apt/apt.conf.d/99beod" <<'EOF'
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
APT::Install-Recommends "false";
EOF
    echo "deb $MIRROR $SUITE main" > "$tmp/etc/apt/sources.list"
    host_ca_certificates "$tmp"
    cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
    mount_system "$tmp"
    # shellcheck disable=SC2086
    chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 \
        sh -ec "apt-get update -qq && apt-get install -y -qq $PACKAGES >/dev/null && update-ca-certificates >/dev/null && apt-get clean" \
        || { log "installing the packages failed"; return 1; }
    cleanup_root "$tmp"
    CURRENT=""
    if [ -e "$ROOT" ]; then
        CURRENT=$ROOT; cleanup_root "$ROOT"; CURRENT=""
        rm -rf --one-file-system "$ROOT"
    fi
    mv "$tmp" "$ROOT"
    echo "$WANT" > "$STAMP"
    log "built: $(chroot "$ROOT" dpkg-query -W -f='QGIS ${Version}' qgis)"
}

# One build or run at a time per chroot (a second caller waits).
exec 9>"$CACHE/$SUITE.lock"
flock 9

if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
    build
fi
[ "$BUILD_ONLY" = 1 ] && exit 0

# -- run ---------------------------------------------------------------------------------------------
CURRENT=$ROOT
cleanup_root "$ROOT"   # a run killed with SIGKILL may have left mounts behind
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
mount_system "$ROOT"
mount_in "$ROOT$REPO" --bind "$REPO"
# pytest-qgis keeps its QGIS profile in the repository (.qgis-settings/): each chroot gets its own,
# so that a run on another QGIS never shares (or wipes) the remembered state of the host's runs.
[ -d "$REPO/.qgis-settings" ] || install -d -o "$RUN_UID" -g "$RUN_GID" "$REPO/.qgis-settings"
mkdir -p "$ROOT/var/lib/beod/qgis-settings"
chown "$RUN_UID:$RUN_GID" "$ROOT/var/lib/beod/qgis-settings"
mount_in "$ROOT$REPO/.qgis-settings" --bind "$ROOT/var/lib/beod/qgis-settings"
# A git worktree keeps its repository elsewhere: show it too (read-only), for `git ls-files`.
common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
case "$common" in
    ""|"$REPO"/*) ;;
    *) mount_in "$ROOT$common" --bind "$common"; mount -o remount,bind,ro "$ROOT$common" ;;
esac
# Files some tests read from outside the repository (the vendor tutorial), shown read-only.
for shared in ${BEOD_CHROOT_SHARE-/work/shared/seed}; do
    if [ -d "$shared" ]; then
        mount_in "$ROOT$shared" --bind "$shared"
        mount -o remount,bind,ro "$ROOT$shared"
    fi
done
home=/tmp/beod-home-$RUN_UID
mkdir -p "$ROOT$home" "$ROOT/opt/beod-venv"
chown "$RUN_UID:$RUN_GID" "$ROOT$home" "$ROOT/opt/beod-venv"

envs=(HOME="$home" USER="$(id -nu "$RUN_UID" 2>/dev/null || echo root)" LANG=C.UTF-8
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" TERM="${TERM:-dumb}"
      BEOD_QGIS_CHROOT="$QGIS_VERSION")
while IFS='=' read -r name value; do
    # Only settings whose files exist inside the chroot (the CA bundle does; /opt/wheels may not).
    case "$value" in /*) [ -e "$ROOT$value" ] || continue ;; esac
    envs+=("$name=$value")
done < <(env | grep -E '^(PIP_[A-Z_]+|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|REQUESTS_CA_BUNDLE|SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE)=' || true)

[ $# -gt 0 ] || set -- bash
log "running as $RUN_UID:$RUN_GID in $REPO: $*"
set +e
chroot --userspec="$RUN_UID:$RUN_GID" "$ROOT" /usr/bin/env -i "${envs[@]}" \
    bash -c 'cd "$1" && shift && exec "$@"' beod "$REPO" "$@"
status=$?
set -e
exit "$status"
}
