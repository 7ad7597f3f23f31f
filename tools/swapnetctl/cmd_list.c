// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl list [-j]: one line (or JSON object) per device, and under a
 * device whose state is not OK a second line with the reason.
 * No devices: no output at all (JSON: "[]"), so scripts can test for it;
 * the same, with a note on stderr and exit 0, without the module.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <json-c/json.h>

#include "commands.h"
#include "jsonout.h"
#include "crypt.h"
#include "cmd_list.h"
#include "swapnet_nl.h"
#include "reserve_model.h"
#include "util.h"

static void fmt_size(uint64_t b, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	double v = (double)b;
	int u = -1;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%lluB", (unsigned long long)b);
	else
		snprintf(buf, len, "%.1f%ciB", v, units[u]);
}

static void fmt_addr(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	const void *a = NULL;

	if (ss->ss_family == AF_INET)
		a = &((const struct sockaddr_in *)ss)->sin_addr;
	else if (ss->ss_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
	if (!a || !inet_ntop(ss->ss_family, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

void list_print_line(FILE *out, const struct swapnet_dev_info *d, bool header)
{
	char size[32], server[SWAPNET_SERVER_NAME_MAX + 8];

	(void)header;
	fmt_size(d->cfg.size_bytes, size, sizeof(size));
	if (d->cfg.port && d->cfg.port != 2049)
		snprintf(server, sizeof(server), "%s:%u", d->cfg.server_name,
			 d->cfg.port);
	else
		snprintf(server, sizeof(server), "%s", d->cfg.server_name);
	/* a block per device within 80 columns, as ip(8) prints links */
	fprintf(out, "%s: %s", d->name, swapnet_state_name(d->state));
	if (d->cfg.label[0])
		fprintf(out, "  label %s", d->cfg.label);
	fprintf(out, "  size %s\n", size);
	fprintf(out, "    file %s:%s\n", server,
		d->cfg.path[0] ? d->cfg.path : "-");
	fprintf(out, "    reads %llu  writes %llu  errors %llu",
		(unsigned long long)d->stats.reads,
		(unsigned long long)d->stats.writes,
		(unsigned long long)d->stats.errors);
	/* pages lost to a checksum that differed twice (verified swap-in) */
	if (d->verify == 0)
		fprintf(out, "  verify off\n");
	else if (d->verify > 0)
		fprintf(out, "  verify_errors %llu\n",
			(unsigned long long)d->stats.verify_errors);
	else
		fputc('\n', out);
	fprintf(out, "    open %u  inflight %u  retrans %llu\n", d->open_count,
		d->stats.inflight, (unsigned long long)d->stats.retrans);
	/* what it is attached for; its WRITEs beyond queue_depth, parked */
	fprintf(out, "    %s", d->cfg.flags & SWAPNET_F_SWAP ? "for swap" :
		"not for swap");
	if (d->swap_active >= 0)
		fprintf(out, ", %s", d->swap_active ? "swap-activated" :
			"not swap-activated");
	if (d->stats.have_parked)
		fprintf(out, "  parked_writes %u (max %u)",
			d->stats.parked_writes, d->stats.parked_writes_max);
	fputc('\n', out);
	/* a mirror leg: fenced only while another leg answers (swapnet(4)) */
	if (d->cfg.mirror_group)
		fprintf(out, "    mirror group %u\n", d->cfg.mirror_group);
	if (d->state != SWAPNET_STATE_OK || d->reason[0])
		fprintf(out, "    reason: %s\n",
			d->reason[0] ? d->reason : "(none given)");
}

void list_print_owner(FILE *out, const struct swapnet_dev_info *d)
{
	const struct swapnet_owner_info *o = &d->cfg.owner;
	char age[48];

	if (!o->set)
		return;
	if (o->has_age)
		snprintf(age, sizeof(age), "%llu.%llu s ago",
			 (unsigned long long)(o->age_ms / 1000),
			 (unsigned long long)(o->age_ms % 1000 / 100));
	else
		snprintf(age, sizeof(age), "none yet");
	fprintf(out, "%-10s owner: %s (machine-id %s, MAC %s), heartbeat %s, seq %llu\n",
		"", o->host, o->machine_id, o->mac[0] ? o->mac : "-", age,
		(unsigned long long)o->seq);
}

void list_print_mirror(FILE *out, const struct mdm_state *m, time_t now)
{
	char state[256];
	size_t i;

	fprintf(out, "    mirror /dev/%s%s (%s), legs", m->name[0] ? "md/" : "",
		m->name[0] ? m->name : m->md, m->md);
	for (i = 0; i < m->nlegs; i++)
		fprintf(out, " %s", m->legs[i].dev);
	fputc('\n', out);
	mdm_describe(m, now, state, sizeof(state));
	fprintf(out, "    mirror state: %s\n", state);
}

json_object *list_mirror_json(const struct mdm_state *m)
{
	json_object *o = json_object_new_object();
	json_object *legs = json_object_new_array();
	char dev[48];
	size_t i;

	snprintf(dev, sizeof(dev), "/dev/%s", m->md);
	json_object_object_add(o, "md", json_object_new_string(m->md));
	json_object_object_add(o, "device", json_object_new_string(dev));
	json_object_object_add(o, "name", json_object_new_string(m->name));
	json_object_object_add(o, "status",
			       json_object_new_string(mdm_status_name(m->status)));
	json_object_object_add(o, "array_state",
			       json_object_new_string(m->array_state));
	json_object_object_add(o, "sync_action",
			       json_object_new_string(m->sync_action));
	json_object_object_add(o, "degraded",
			       json_object_new_int(m->degraded));
	if (m->status == MDM_RESYNCING)
		json_object_object_add(o, "resync_percent",
				       json_object_new_double(mdm_progress(m)));
	if (m->status == MDM_DEGRADED && m->degraded_since) {
		json_object_object_add(o, "degraded_since",
				       json_object_new_int64((int64_t)m->degraded_since));
		json_object_object_add(o, "degraded_leg",
				       json_object_new_string(m->degraded_leg));
	}
	for (i = 0; i < m->nlegs; i++) {
		const struct mdm_leg *l = &m->legs[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "device",
				       json_object_new_string(l->dev));
		json_object_object_add(j, "state",
				       json_object_new_string(l->member ?
							      l->state :
							      "removed"));
		json_object_object_add(j, "in_sync",
				       json_object_new_boolean(l->member &&
							       l->in_sync &&
							       !l->faulty));
		json_object_object_add(j, "faulty",
				       json_object_new_boolean(l->faulty));
		json_object_array_add(legs, j);
	}
	json_object_object_add(o, "legs", legs);
	return o;
}

/* the device with what sysfs alone says (swap_active) */
static void with_sysfs(const struct swapnet_dev_info *d,
		       struct swapnet_dev_info *out)
{
	*out = *d;
	out->swap_active = swapnet_sysfs_flag(reserve_root(NULL), d->name,
					      "swap_active");
}

static int print_line(const struct swapnet_dev_info *dev, void *arg)
{
	static struct swapnet_dev_info dd;
	const struct swapnet_dev_info *d = &dd;
	int *count = arg;
	char map[128], md[MDM_NAME_MAX];
	static struct mdm_state m;

	with_sysfs(dev, &dd);
	list_print_line(stdout, d, (*count)++ == 0);
	list_print_owner(stdout, d);
	/* encrypt (swapnet.conf): the dm-crypt mapping swapped on */
	if (crypt_holder(d->name, map, sizeof(map)))
		printf("    encrypted: /dev/mapper/%s\n", map);
	/* mirror=: the md array over it, and on it perhaps dm-crypt */
	if (mdm_holder(reserve_root(NULL), d->name, md, sizeof(md)) &&
	    !mdm_read(reserve_root(NULL), md, &m)) {
		list_print_mirror(stdout, &m, time(NULL));
		if (crypt_holder(md, map, sizeof(map)))
			printf("    encrypted: /dev/mapper/%s\n", map);
	}
	return 0;
}

static void add_u64(json_object *o, const char *k, uint64_t v)
{
	/* json-c's int64 covers every counter we will ever see. */
	json_object_object_add(o, k, json_object_new_int64((int64_t)v));
}

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

json_object *list_dev_json(const struct swapnet_dev_info *d)
{
	json_object *o = json_object_new_object();
	json_object *s = json_object_new_object();
	const struct swapnet_dev_stats *st = &d->stats;
	char addr[INET6_ADDRSTRLEN], dev[48];

	fmt_addr(&d->cfg.addr, addr, sizeof(addr));
	snprintf(dev, sizeof(dev), "/dev/%s", d->name);
	add_u64(o, "index", d->index);
	add_str(o, "name", d->name);
	add_str(o, "device", dev);
	add_str(o, "label", d->cfg.label);
	add_str(o, "server", d->cfg.server_name);
	add_str(o, "address", addr);
	add_u64(o, "port", d->cfg.port ? d->cfg.port : 2049);
	add_str(o, "file", d->cfg.path);
	add_u64(o, "size_bytes", d->cfg.size_bytes);
	add_u64(o, "rsize", d->cfg.rsize);
	add_u64(o, "wsize", d->cfg.wsize);
	/* The kernel sends these to CAP_NET_ADMIN callers only. */
	if (d->has_fh) {
		char hex[2 * SWAPNET_FH_MAX + 1];
		size_t i;

		for (i = 0; i < d->cfg.fh_len; i++)
			snprintf(hex + 2 * i, 3, "%02x", d->cfg.fh[i]);
		hex[2 * d->cfg.fh_len] = '\0';
		add_str(o, "file_handle", hex);
	}
	if (d->has_uid)
		add_u64(o, "uid", d->cfg.uid);
	if (d->has_gid)
		add_u64(o, "gid", d->cfg.gid);
	add_u64(o, "timeo_ds", d->cfg.timeo_ds);
	add_u64(o, "retrans", d->cfg.retrans);
	json_object_object_add(o, "noresvport",
			       json_object_new_boolean(d->cfg.flags &
						       SWAPNET_F_NORESVPORT));
	if (d->verify >= 0)
		json_object_object_add(o, "verify",
				       json_object_new_boolean(d->verify));
	json_object_object_add(o, "unstable",
			       json_object_new_boolean(d->cfg.flags &
						       SWAPNET_F_UNSTABLE));
	json_object_object_add(o, "for_swap",
			       json_object_new_boolean(d->cfg.flags &
						       SWAPNET_F_SWAP));
	/* sysfs only: absent when it cannot be read */
	if (d->swap_active >= 0)
		json_object_object_add(o, "swap_active",
				       json_object_new_boolean(d->swap_active));
	/* a mirror leg's group (SWAPNET_A_MIRROR_GROUP); absent: none */
	if (d->cfg.mirror_group)
		add_u64(o, "mirror_group", d->cfg.mirror_group);
	add_u64(o, "queue_depth", d->queue_depth);
	add_u64(o, "open_count", d->open_count);
	add_str(o, "state", swapnet_state_name(d->state));
	add_str(o, "reason", d->reason);
	add_u64(s, "reads", st->reads);
	add_u64(s, "writes", st->writes);
	add_u64(s, "read_bytes", st->read_bytes);
	add_u64(s, "write_bytes", st->write_bytes);
	add_u64(s, "inflight", st->inflight);
	add_u64(s, "retrans", st->retrans);
	add_u64(s, "retries", st->retries);
	add_u64(s, "latency_sum_us", st->latency_sum_us);
	add_u64(s, "latency_max_us", st->latency_max_us);
	add_u64(s, "errors", st->errors);
	json_object_object_add(s, "last_error",
			       json_object_new_int(st->last_error));
	add_u64(s, "commits", st->commits);
	add_u64(s, "write_resends", st->write_resends);
	add_u64(s, "reclaim_reqs", st->reclaim_reqs);
	add_u64(s, "verify_errors", st->verify_errors);
	add_u64(s, "verify_rereads", st->verify_rereads);
	/* an older module does not send them: absent, not 0 */
	if (st->have_parked) {
		add_u64(s, "parked_writes", st->parked_writes);
		add_u64(s, "parked_reads", st->parked_reads);
		add_u64(s, "parked_writes_max", st->parked_writes_max);
	}
	json_object_object_add(o, "stats", s);
	if (d->cfg.owner.set) {
		const struct swapnet_owner_info *w = &d->cfg.owner;
		json_object *j = json_object_new_object();

		add_str(j, "host", w->host);
		add_str(j, "machine_id", w->machine_id);
		add_str(j, "mac", w->mac);
		add_str(j, "boot_id", w->boot_id);
		add_u64(j, "seq", w->seq);
		if (w->has_age)
			add_u64(j, "heartbeat_age_ms", w->age_ms);
		add_u64(j, "period_ms", w->period_ms);
		add_u64(j, "record_offset", w->offset);
		json_object_object_add(o, "owner", j);
	}
	return o;
}

static int add_json(const struct swapnet_dev_info *dev, void *arg)
{
	static struct swapnet_dev_info dd;
	const struct swapnet_dev_info *d = &dd;
	json_object *o;
	char map[128], md[MDM_NAME_MAX];
	static struct mdm_state m;

	with_sysfs(dev, &dd);
	o = list_dev_json(d);

	if (crypt_holder(d->name, map, sizeof(map)))
		add_str(o, "crypt_mapping", map);
	if (mdm_holder(reserve_root(NULL), d->name, md, sizeof(md)) &&
	    !mdm_read(reserve_root(NULL), md, &m)) {
		json_object *j = list_mirror_json(&m);

		if (crypt_holder(md, map, sizeof(map)))
			add_str(j, "crypt_mapping", map);
		json_object_object_add(o, "mirror", j);
	}
	json_object_array_add(arg, o);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	struct swapnet_nl *nl;
	char err[ERR_LEN];
	json_object *arr = NULL;
	int json, count = 0, ret, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			json_output = true;
		} else if (!strcmp(argv[i], "-p") ||
			   !strcmp(argv[i], "--pretty")) {
			json_pretty = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			puts("Usage: swapnetctl list [-j|--json [-p|--pretty]]");
			return EXIT_OK;
		} else {
			return errorf(EXIT_USAGE, "list: unknown argument '%s'",
				      argv[i]);
		}
	}
	if (json_check("list"))
		return EXIT_USAGE;
	json = json_output;
	ret = swapnet_nl_open(&nl, err, sizeof(err));
	if (ret == -ENOENT) {
		/* No module, no devices: what scripts want to hear. */
		notef("%s: no devices", err);
		if (json)
			puts("[]");
		return EXIT_OK;
	}
	if (ret < 0)
		return errorf(EXIT_FAIL, "list: %s", err);
	if (json) {
		arr = json_object_new_array();
		ret = swapnet_nl_dev_dump(nl, add_json, arr, err, sizeof(err));
	} else {
		ret = swapnet_nl_dev_dump(nl, print_line, &count, err,
					  sizeof(err));
	}
	swapnet_nl_close(nl);
	if (ret < 0) {
		json_object_put(arr);
		return errorf(EXIT_FAIL, "list: %s", err);
	}
	if (json) {
		int flags = json_flags();

		/* Pretty printing would spread an empty list over two lines. */
		if (!json_object_array_length(arr))
			flags = JSON_C_TO_STRING_PLAIN;
		puts(json_object_to_json_string_ext(arr, flags));
		json_object_put(arr);
	}
	return EXIT_OK;
}
