# swapnet: the 4-process size at which the native NFS swapfile got
# OOM-killed (peer-nfs-swapfile notes: 6 of 10 runs).  memload -p 4, 2.5 x
# MemTotal in total, on /dev/swapnet0.  The outcome is recorded: OOM kills
# are reported (the aim is none) but do not fail the run; a data mismatch
# does.
# (make bench runs this load on all three peers in one boot: bench-pressure)
# lab-suite: manual
# lab-timeout: 1500
# lab-expect-oom: yes
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile") || { lab_fail "swapon"; lab_exit; }
lab_log "swapon $dev"
lab_meminfo

memload -p 4 -r 2.5
rc=$?
lab_meminfo
kills=$(dmesg | grep -c 'Out of memory: Killed process')
echo "swapnet-oom: memload status $rc, OOM kills $kills"
echo "stat: $(lab_swapnet_attr "$dev" stat)"
swapnetctl list
swapnetctl swapoff "$dev" || lab_fail "swapoff"
rmmod swapnet || lab_fail "rmmod"
# memload: 0 all verified, 2 a worker was killed (data of the others
# verified), 1 corrupted data.
case $rc in
0) echo "swapnet-oom: outcome=completed" ;;
2) echo "swapnet-oom: outcome=oom-killed" ;;
*) echo "swapnet-oom: outcome=failed status=$rc"; lab_fail "memload exited with status $rc" ;;
esac
lab_exit
