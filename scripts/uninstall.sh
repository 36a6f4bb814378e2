#!/usr/bin/env bash
# Removes what scripts/install.sh installed: stops and disables the service, removes its unit
# (/usr/local/lib/systemd/system, or /etc/systemd/system from an earlier install.sh), /opt/credwatch
# and the class-data archive (/var/cache/credwatch). The configuration (/etc/credwatch), the
# state (/var/lib/credwatch) and any drop-ins (/etc/systemd/system/credwatch.service.d) stay
# unless --purge. (A package is removed with apt or dnf instead.)
#
# usage: scripts/uninstall.sh [--root DIR] [--purge]
#   --root DIR   remove from under DIR; touches no running system
#   --purge      also remove configuration, state and drop-ins
set -euo pipefail

root=
purge=no

die() {
  echo "uninstall: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --root) [[ $# -ge 2 ]] || die "--root needs a directory"; root=${2%/}; shift 2 ;;
    --purge) purge=yes; shift ;;
    -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (usage: uninstall.sh [--root DIR] [--purge])" ;;
  esac
done
if [[ -n $root ]]; then
  [[ -d $root ]] || die "$root: no such directory"
  root=$(cd -P "$root" && pwd)
  [[ $root != / ]] || root=
elif [[ $(id -u) -ne 0 ]]; then
  die "run as root (sudo $0), or pass --root DIR"
fi

unit=$root/usr/local/lib/systemd/system/credwatch.service
legacy=$root/etc/systemd/system/credwatch.service
if [[ -z $root ]] && [[ -e $unit || -e $legacy ]] && command -v systemctl >/dev/null; then
  if systemctl disable --now credwatch.service 2>/dev/null; then
    echo "stopped    credwatch.service (and disabled)"
  fi
fi

remove() {
  local path=$1
  if [[ -e $path || -L $path ]]; then
    rm -rf -- "$path"
    echo "removed    ${path#"$root"}"
  fi
}

# Only this install's enabling link: one to the package's unit is the package's.
wants=$root/etc/systemd/system/multi-user.target.wants/credwatch.service
case $(readlink "$wants" 2>/dev/null) in
  /usr/local/lib/systemd/system/credwatch.service | /etc/systemd/system/credwatch.service) remove "$wants" ;;
esac
remove "$unit"
remove "$legacy"
remove "$root/opt/credwatch"
# The archive is the service's cache, made again by any start: nothing to keep, unless the
# credwatch package's service (its unit in /usr/lib) uses the same directory.
if [[ -e $root/usr/lib/systemd/system/credwatch.service ]]; then
  [[ ! -e $root/var/cache/credwatch ]] || echo "kept       /var/cache/credwatch (the credwatch package's service uses it)"
else
  remove "$root/var/cache/credwatch"
  remove "$root/var/cache/private/credwatch"
fi
for kept in "$root/etc/credwatch" "$root/var/lib/credwatch" "$root/var/lib/private/credwatch" \
  "$root/etc/systemd/system/credwatch.service.d"; do
  if [[ $purge == yes ]]; then
    remove "$kept"
  elif [[ -e $kept ]]; then
    echo "kept       ${kept#"$root"} (--purge removes it)"
  fi
done
if [[ -z $root ]] && command -v systemctl >/dev/null; then
  systemctl daemon-reload
fi
echo "uninstall: done${root:+ under $root}"
