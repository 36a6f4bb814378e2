#!/usr/bin/env bash
# Installs credwatch as a systemd service:
#   /opt/credwatch/{credwatch,jvm.options,credwatch.jar,cds-archive}   launcher, flags, agent
#   /opt/credwatch/credwatch.jsa                 class-data archive for this jar (not with --root)
#   /opt/credwatch/remote-jmx.conf.example       the remote JMX drop-in, to copy when needed
#   /etc/credwatch/credwatch.yaml                the example configuration, only when absent
#   /etc/systemd/system/credwatch.service        the unit, enabled (multi-user.target)
# then systemctl daemon-reload, enable and start (restart when something changed).
#
# usage: scripts/install.sh [--root DIR] [--no-start]
#   --root DIR   install under DIR (an image, a test); touches no running system
#   --no-start   enable but neither start nor restart
# The jar: $CREDWATCH_JAR, else this checkout's agent/target/credwatch.jar, built when stale.
# CREDWATCH_CDS=off skips the class-data archive.
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
    -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
unit=$root/etc/systemd/system/credwatch.service
changed=0
restart=0

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

# The archive records the jar's path, so one made under --root would not match at /opt;
# and one is only worth making for the jar it was trained on.
if [[ ${CREDWATCH_CDS:-on} == off ]]; then
  echo "skipped    ${opt#"$root"}/credwatch.jsa (CREDWATCH_CDS=off)"
elif [[ -n $root ]]; then
  echo "skipped    /opt/credwatch/credwatch.jsa (--root: run /opt/credwatch/cds-archive /opt/credwatch/credwatch.jar on the host)"
elif [[ $jar_changed -eq 1 || ! $opt/credwatch.jsa -nt $opt/credwatch.jar ]]; then
  if "$opt/cds-archive" "$opt/credwatch.jar"; then
    echo "installed  /opt/credwatch/credwatch.jsa"
    changed=1
  else
    echo "install: no class-data archive (reason above); credwatch starts without it, only slower" >&2
  fi
else
  echo "unchanged  /opt/credwatch/credwatch.jsa"
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

unit_changed=0
put "$src/systemd/credwatch.service" "$unit" 0644 && unit_changed=1
[[ $unit_changed -eq 0 ]] || restart=1

# What `systemctl enable` does for WantedBy=multi-user.target, done by hand so that --root
# needs no systemctl.
wants=$root/etc/systemd/system/multi-user.target.wants/credwatch.service
if [[ $(readlink "$wants" 2>/dev/null) == /etc/systemd/system/credwatch.service ]]; then
  echo "unchanged  ${wants#"$root"} (enabled)"
else
  mkdir -p "$(dirname "$wants")"
  ln -sfn /etc/systemd/system/credwatch.service "$wants"
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
