/*
 * vcs.c -- the git commit of an inventory (see vcs.h): git runs as a child
 * process with no input, its errors discarded, and without taking the
 * index lock (GIT_OPTIONAL_LOCKS=0), so a report never changes the tree.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vcs.h"
#include "xalloc.h"

extern char	**environ;

/*
 * Run git with argv in dir; returns its standard output (at most 64 KiB,
 * a fresh string) when it exits 0, else NULL.
 */
static char *
run_git(const char *dir, const char *const *args)
{
	posix_spawn_file_actions_t	 fa;
	const char			*argv[16];
	char				*out = NULL;
	size_t				 len = 0, cap = 0, i, n = 0;
	ssize_t				 r;
	pid_t				 pid;
	int				 fds[2], status, ok = 0;

	argv[n++] = "git";
	argv[n++] = "-C";
	argv[n++] = dir;
	for (i = 0; args[i] != NULL && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (pipe(fds) != 0)
		return NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	setenv("GIT_OPTIONAL_LOCKS", "0", 1);
	if (posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv,
	    environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (pid != -1) {
		for (;;) {
			XGROW(out, cap, len + 4097);
			r = read(fds[0], out + len, 4096);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			if (len < 65536)
				len += (size_t)r;
		}
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	close(fds[0]);
	if (!ok || out == NULL) {
		free(out);
		return NULL;
	}
	out[len] = '\0';
	return out;
}

enum vcs_status
vcs_commit(const char *path, char **commit, int *dirty)
{
	static const char *const rev[] = { "rev-parse", "--verify", "-q",
	    "HEAD^{commit}", NULL };
	const char	*status[] = { "status", "--porcelain",
	    "--untracked-files=all", "--", NULL, NULL };
	const char	*env = getenv(VCS_DISABLE_ENV), *slash;
	struct stat	 sb;
	char		*dir, *out;
	size_t		 n;

	*commit = NULL;
	*dirty = 0;
	if (env != NULL && *env != '\0')
		return VCS_DISABLED;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		dir = xstrdup(path);
		status[4] = ".";
	} else if ((slash = strrchr(path, '/')) != NULL) {
		dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		status[4] = slash + 1;
	} else {
		dir = xstrdup(".");
		status[4] = path;
	}
	out = run_git(dir, rev);
	for (n = 0; out != NULL && isxdigit((unsigned char)out[n]); n++)
		;
	if (out == NULL || (n != 40 && n != 64)) {
		free(out);
		free(dir);
		return VCS_NONE;
	}
	*commit = xstrndup(out, n);
	free(out);
	if ((out = run_git(dir, status)) != NULL && *out != '\0')
		*dirty = 1;
	free(out);
	free(dir);
	return VCS_FOUND;
}
