# Server part of peer-lab-reset: count the boots on the persistent export.
# shellcheck shell=sh disable=SC3043
n=$(cat /export/boots 2>/dev/null || echo 0)
echo $((n + 1)) > /export/boots
sync
