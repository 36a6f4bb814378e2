#!/bin/sh
# %systemd_postun_with_restart credwatch.service: on upgrade, restart a running service with
# the new jar once systemd has reloaded its units. systemd 249 and later (Amazon Linux 2023)
# do both at the end of the transaction through systemd-update-helper; older ones here.
if [ "$1" -ge 1 ]; then
    if [ -x /usr/lib/systemd/systemd-update-helper ]; then
        /usr/lib/systemd/systemd-update-helper mark-restart-system-units credwatch.service || :
    elif [ -x /usr/bin/systemctl ]; then
        /usr/bin/systemctl daemon-reload >/dev/null 2>&1 || :
        /usr/bin/systemctl try-restart credwatch.service >/dev/null 2>&1 || :
    fi
fi
# On erase: the class-data archive is only a cache of this package's jar. The state
# (/var/lib/credwatch) stays, as rpm leaves state behind.
if [ "$1" -eq 0 ]; then
    rm -rf /var/cache/credwatch /var/cache/private/credwatch
fi
