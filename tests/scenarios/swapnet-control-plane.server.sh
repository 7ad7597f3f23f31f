# Server part of swapnet-control-plane: one good swapfile.
# shellcheck shell=sh disable=SC3043
set -e
dd if=/dev/zero of=/export/good bs=1M count=16 2>/dev/null
chmod 600 /export/good
