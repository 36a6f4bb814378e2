#!/bin/sh
# What %systemd_post credwatch.service expands to on Fedora and Amazon Linux 2023: on the first
# install the administrator's presets decide whether the service is enabled (by default it is
# not: edit /etc/credwatch/credwatch.yaml, then `systemctl enable --now credwatch`). The package
# is built by Maven, without rpmbuild's macros, so it is written out here.
if [ "$1" -eq 1 ] && [ -x /usr/bin/systemctl ]; then
    /usr/bin/systemctl --no-reload preset credwatch.service >/dev/null 2>&1 || :
fi
