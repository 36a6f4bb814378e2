#!/bin/sh
# %systemd_preun credwatch.service: on erase (not on upgrade) stop and disable the service.
if [ "$1" -eq 0 ] && [ -x /usr/bin/systemctl ]; then
    /usr/bin/systemctl --no-reload disable --now credwatch.service >/dev/null 2>&1 || :
fi
