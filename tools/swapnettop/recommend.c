// SPDX-License-Identifier: GPL-2.0
/* Ask swapnetctl for the recommended min_free_kbytes (read-only: no --apply). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <json-c/json.h>

#include "recommend.h"

#define RECOMMEND_MAX_OUTPUT	(256 * 1024)

extern char **environ;

long recommend_parse(const char *json)
{
	struct json_object *root, *val;
	long ret = -1;
	int64_t v;

	root = json_tokener_parse(json);
	if (!root)
		return -1;
	if (json_object_is_type(root, json_type_object) &&
	    json_object_object_get_ex(root, RECOMMEND_JSON_KEY, &val) &&
	    json_object_is_type(val, json_type_int)) {
		errno = 0;
		v = json_object_get_int64(val);
		if (!errno && v > 0)
			ret = (long)v;
	}
	json_object_put(root);
	return ret;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void recommend_init(struct recommend_job *j)
{
	memset(j, 0, sizeof(*j));
	j->fd = -1;
}

/* Reap the child (killing it first when asked) and free the buffer. */
static void finish(struct recommend_job *j, int kill_it, int *status)
{
	int st = -1;

	if (j->fd >= 0)
		close(j->fd);
	if (j->pid > 0) {
		if (kill_it)
			kill(j->pid, SIGKILL);	/* our own child, by its pid */
		while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	if (status)
		*status = st;
	free(j->buf);
	recommend_init(j);
}

void recommend_cancel(struct recommend_job *j)
{
	if (j->pid > 0 || j->fd >= 0)
		finish(j, 1, NULL);
}

int recommend_start(struct recommend_job *j)
{
	const char *prog = getenv("SWAPNETCTL");
	char *argv[] = { NULL, "reserve", "-j", NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], ret;

	recommend_cancel(j);
	if (!prog || !*prog)
		prog = "swapnetctl";
	argv[0] = (char *)prog;
	if (pipe2(pipefd, O_CLOEXEC | O_NONBLOCK))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	ret = posix_spawnp(&j->pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (ret) {
		close(pipefd[0]);
		recommend_init(j);
		return -1;	/* not installed */
	}
	j->fd = pipefd[0];
	j->deadline = now_s() + RECOMMEND_TIMEOUT_S;
	return 0;
}

int recommend_fd(const struct recommend_job *j)
{
	return j->fd;
}

int recommend_collect(struct recommend_job *j, long *kb)
{
	int status;

	if (j->fd < 0)
		return 0;
	for (;;) {
		ssize_t n;

		if (j->cap - j->len < 1024) {
			char *nbuf;

			if (j->cap >= RECOMMEND_MAX_OUTPUT)
				goto give_up;
			nbuf = realloc(j->buf, j->cap ? j->cap * 2 : 4096);
			if (!nbuf)
				goto give_up;
			j->buf = nbuf;
			j->cap = j->cap ? j->cap * 2 : 4096;
		}
		n = read(j->fd, j->buf + j->len, j->cap - j->len - 1);
		if (n > 0) {
			j->len += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			if (now_s() < j->deadline)
				return 0;
			goto give_up;	/* too slow */
		}
		break;			/* EOF (or an error: same end) */
	}
	j->buf[j->len] = '\0';
	*kb = -1;
	{
		char *out = j->buf;

		j->buf = NULL;
		finish(j, 0, &status);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			*kb = recommend_parse(out);
		free(out);
	}
	return 1;
give_up:
	finish(j, 1, NULL);
	*kb = -1;
	return 1;
}

long recommend_query(void)
{
	struct recommend_job j;
	long kb = -1;

	recommend_init(&j);
	if (recommend_start(&j))
		return -1;
	while (!recommend_collect(&j, &kb)) {
		struct pollfd pfd = { .fd = recommend_fd(&j), .events = POLLIN };

		poll(&pfd, 1, 100);
	}
	return kb;
}
