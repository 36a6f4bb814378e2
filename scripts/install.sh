#!/usr/bin/env bash
# Installs credwatch from a checkout or an unpacked tarball as a systemd service (the .deb and
# .rpm packages are the other way, see packaging/):
#   /opt/credwatch/{credwatch,jvm.options,credwatch.jar,cds-archive}   launcher, flags, agent
#   /opt/credwatch/remote-jmx.conf.example       the remote JMX drop-in, to copy when needed
#   /etc/credwatch/credwatch.yaml                the example configuration, only when absent
#   /usr/local/lib/systemd/system/credwatch.service   the unit, its ExecStart set to
#                                                /opt/credwatch/credwatch, enabled
# then systemctl daemon-reload, enable and start (restart when something changed). The unit
# stays out of /etc/systemd/system, which is the administrator's (drop-ins go there, in
# credwatch.service.d/). The service makes its class-data archive in /var/cache/credwatch on
# its first start.
#
# usage: scripts/install.sh [--root DIR] [--no-start]
#   --root DIR   install under DIR (an image, a test); touches no running system
#   --no-start   enable but neither start nor restart
# The jar: $CREDWATCH_JAR, else this checkout's agent/target/credwatch.jar, built when stale.
#
# Idempotent: each file is compared before it is copied, and a second run reports every item
# "unchanged" and restarts nothing. An existing configuration is never overwritten: when it
# differs from the shipped example, the example goes beside it as credwatch.yaml.dist.
set -euo pipefail

src=$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
root=
start=yes

die() {
  echo "install: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --root) [[ $# -ge 2 ]] || die "--root needs a directory"; root=${2%/}; shift 2 ;;
    --no-start) start=no; shift ;;
    -h | --help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (usage: install.sh [--root DIR] [--no-start])" ;;
  esac
done
if [[ -n $root ]]; then
  mkdir -p "$root"
  root=$(cd -P "$root" && pwd)
  [[ $root != / ]] || root=
elif [[ $(id -u) -ne 0 ]]; then
  die "run as root (sudo $0), or pass --root DIR to install into a directory"
fi

opt=$root/opt/credwatch
etc=$root/etc/credwatch
unit_path=/usr/local/lib/systemd/system/credwatch.service
unit=$root$unit_path
changed=0
restart=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Copies SRC to DEST with MODE unless DEST already has the same bytes and mode. The new
# file is written beside and renamed over, so a running JVM keeps reading its old jar.
put() {
  local from=$1 to=$2 mode=$3
  if [[ -f $to ]] && cmp -s "$from" "$to" && [[ $(stat -c %a "$to") == "${mode#0}" ]]; then
    echo "unchanged  ${to#"$root"}"
    return 1
  fi
  mkdir -p "$(dirname "$to")"
  install -m "$mode" "$from" "$to.new.$$"
  mv -f "$to.new.$$" "$to"
  echo "installed  ${to#"$root"}"
  changed=1
  return 0
}

if [[ -n ${CREDWATCH_JAR:-} ]]; then
  jar=$CREDWATCH_JAR
else
  # The launcher builds the jar when it is missing or older than the sources.
  CREDWATCH_CDS=off "$src/scripts/credwatch" version >/dev/null || die "the agent jar cannot be built"
  jar=$src/agent/target/credwatch.jar
fi
[[ -f $jar ]] || die "$jar: no such file"

jar_changed=0
put "$jar" "$opt/credwatch.jar" 0644 && jar_changed=1
put "$src/scripts/credwatch" "$opt/credwatch" 0755 && restart=1
put "$src/scripts/jvm.options" "$opt/jvm.options" 0644 && restart=1
put "$src/scripts/cds-archive" "$opt/cds-archive" 0755 || true
put "$src/systemd/credwatch.service.d/remote-jmx.conf.example" "$opt/remote-jmx.conf.example" 0644 || true
[[ $jar_changed -eq 0 ]] || restart=1

# Before the archive was keyed to the JDK it lay beside the jar; the service now keeps its own.
if [[ -e $opt/credwatch.jsa ]]; then
  rm -f "$opt/credwatch.jsa"
  echo "removed    /opt/credwatch/credwatch.jsa (the service keeps its archive in /var/cache/credwatch)"
  changed=1
fi

# The operator's configuration is theirs: written only when there is none.
example=$src/config/credwatch.yaml
if [[ ! -e $etc/credwatch.yaml ]]; then
  put "$example" "$etc/credwatch.yaml" 0644
elif cmp -s "$example" "$etc/credwatch.yaml"; then
  echo "unchanged  ${etc#"$root"}/credwatch.yaml"
else
  echo "kept       ${etc#"$root"}/credwatch.yaml (yours; the shipped example is credwatch.yaml.dist)"
  put "$example" "$etc/credwatch.yaml.dist" 0644 || true
fi

# The unit as the packages ship it runs /usr/bin/credwatch; this layout's launcher is in /opt.
sed 's|^ExecStart=/usr/bin/credwatch |ExecStart=/opt/credwatch/credwatch |' \
  "$src/systemd/credwatch.service" >"$tmp/credwatch.service"
grep -q '^ExecStart=/opt/credwatch/credwatch ' "$tmp/credwatch.service" \
  || die "systemd/credwatch.service: no ExecStart=/usr/bin/credwatch line to point at /opt/credwatch"
unit_changed=0
put "$tmp/credwatch.service" "$unit" 0644 && unit_changed=1
[[ $unit_changed -eq 0 ]] || restart=1

# Earlier versions of this script put the unit in /etc/systemd/system, where it would hide this
# one. Removed when it is one of those shipped files unchanged (their SHA-256 below), else kept
# for its owner to decide.
legacy=$root/etc/systemd/system/credwatch.service
if [[ -f $legacy && ! -L $legacy ]]; then
  case $(sha256sum <"$legacy" | cut -d' ' -f1) in
    4723289223fea90bb62760e6f66c60dca2ae0ae67c1bbfa806f1ad9cf9a713dc | \
      719a7190031dc79a6fbb9a795ac50a589b92fa1919c0dd1326225b3e567f013b | \
      1d5437f242e2dd76847005d93352e6708cf23a45ba687fde8c46486681fc0b7f)
      rm -f "$legacy"
      echo "removed    /etc/systemd/system/credwatch.service (an earlier install's; the unit is $unit_path now)"
      changed=1
      unit_changed=1
      restart=1
      ;;
    *)
      echo "install: /etc/systemd/system/credwatch.service overrides $unit_path and was edited;" \
        "kept. Move your changes into a drop-in (/etc/systemd/system/credwatch.service.d/) and remove it." >&2
      ;;
  esac
fi

# What `systemctl enable` does for WantedBy=multi-user.target, done by hand so that --root
# needs no systemctl.
wants=$root/etc/systemd/system/multi-user.target.wants/credwatch.service
if [[ $(readlink "$wants" 2>/dev/null) == "$unit_path" ]]; then
  echo "unchanged  ${wants#"$root"} (enabled)"
else
  mkdir -p "$(dirname "$wants")"
  ln -sfn "$unit_path" "$wants"
  echo "installed  ${wants#"$root"} (enabled)"
  changed=1
fi

if [[ -z $root ]]; then
  [[ $unit_changed -eq 0 ]] || systemctl daemon-reload
  if [[ $start == yes ]]; then
    if ! systemctl is-active --quiet credwatch.service; then
      systemctl start credwatch.service && echo "started    credwatch.service"
    elif [[ $restart -eq 1 ]]; then
      systemctl restart credwatch.service && echo "restarted  credwatch.service (it changed)"
    else
      echo "unchanged  credwatch.service (running)"
    fi
  fi
fi

if [[ $changed -eq 0 ]]; then
  echo "install: nothing changed"
else
  echo "install: done${root:+ under $root}"
fi
