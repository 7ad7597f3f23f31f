/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The swapnetctl subcommands.  main.c dispatches argv[1] to one of these;
 * each gets argc/argv starting at its own name and returns the exit code:
 * 0 success, 1 usage error, 2 kernel or server error.
 */
#ifndef SWAPNETCTL_COMMANDS_H
#define SWAPNETCTL_COMMANDS_H

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_FAIL = 2 };

/* device lifecycle (cmd_attach.c, cmd_detach.c, cmd_list.c, cmd_swapon.c) */
int cmd_attach(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_swapon(int argc, char **argv);
int cmd_swapoff(int argc, char **argv);

/* administration (cmd_create.c, cmd_check.c, cmd_reserve.c, cmd_startstop.c) */
int cmd_create(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_reserve(int argc, char **argv);
/* Prometheus text for node_exporter's textfile collector (cmd_metrics.c) */
int cmd_metrics(int argc, char **argv);
/* boot integration from /etc/swapnet.conf: used by the systemd unit */
int cmd_start(int argc, char **argv);
int cmd_stop(int argc, char **argv);
/* mirror legs back into md when their server answers (cmd_monitor.c) */
int cmd_monitor(int argc, char **argv);

#endif /* SWAPNETCTL_COMMANDS_H */
