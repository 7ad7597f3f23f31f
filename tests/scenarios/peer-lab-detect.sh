# Lab self-test (manual), must FAIL: the scenario itself succeeds, but the
# kernel log gets a "BUG:" line (through /dev/kmsg) and, later, an OOM kill
# of a process; the lab must fail the run for both reasons.
#   tests/lab/run tests/scenarios/peer-lab-detect.sh   -> status 1
# lab-suite: manual
# lab-timeout: 120
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
echo "<3>BUG: lab failure-detection test, not a real bug" > /dev/kmsg
# A real OOM kill, without swap: one process wants more than is free.
memload -p 1 -r 0.95
echo "peer-lab-detect: memload status $? (expected 2: killed)"
lab_exit
