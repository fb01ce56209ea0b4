/*
 * test_outfile.c -- the outfile module: atomic replacement of regular
 * files (mode kept, short temporary name), writing through symlinks,
 * FIFOs and devices without replacing them, write errors reported, the
 * temporary file removed by a signal, and the same-file check.  Everything
 * happens in a fresh temporary directory; /dev/full is only written
 * through a symlink to it.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "suites.h"

static char	dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/faultline-outfile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[512];

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static char *
in_dir(const char *name)
{
	static char	path[4][512];
	static int	next;
	char		*p = path[next++ % 4];

	snprintf(p, 512, "%s/%s", dir, name);
	return p;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE	*fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static char *
slurp(const char *path)
{
	static char	buf[256];
	FILE		*fp = fopen(path, "r");
	size_t		 n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* The names in the directory, sorted, joined by spaces. */
static char *
listing(void)
{
	static char	 out[4096];
	struct dirent	**v;
	int		 n, i;

	out[0] = '\0';
	n = scandir(dir, &v, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	for (i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.' || (strcmp(v[i]->d_name, ".") != 0 &&
		    strcmp(v[i]->d_name, "..") != 0)) {
			if (out[0] != '\0')
				strcat(out, " ");
			strcat(out, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return out;
}

static void
write_all(const char *path, const char *text)
{
	struct outfile	of;

	ck_assert_int_eq(outfile_open(&of, path), 0);
	fputs(text, of.fp);
	ck_assert_int_eq(outfile_commit(&of), 0);
}

START_TEST(test_regular_keeps_mode)
{
	struct stat	sb;

	put(in_dir("out.txt"), "old\n", 0600);
	write_all(in_dir("out.txt"), "new\n");
	ck_assert_str_eq(slurp(in_dir("out.txt")), "new\n");
	ck_assert_int_eq(stat(in_dir("out.txt"), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0600);
	ck_assert_str_eq(listing(), "out.txt");
	ck_assert_int_eq(chmod(in_dir("out.txt"), 0640), 0);
	write_all(in_dir("out.txt"), "newer\n");
	ck_assert_int_eq(stat(in_dir("out.txt"), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0640);
}
END_TEST

/* As root, the owner and group are kept too. */
START_TEST(test_regular_keeps_owner)
{
	struct stat	sb;

	if (geteuid() != 0)
		return;
	put(in_dir("owned"), "old\n", 0640);
	ck_assert_int_eq(chown(in_dir("owned"), 12345, 23456), 0);
	write_all(in_dir("owned"), "new\n");
	ck_assert_int_eq(stat(in_dir("owned"), &sb), 0);
	ck_assert_uint_eq(sb.st_uid, 12345);
	ck_assert_uint_eq(sb.st_gid, 23456);
	ck_assert_int_eq(sb.st_mode & 07777, 0640);
	ck_assert_str_eq(slurp(in_dir("owned")), "new\n");
}
END_TEST

START_TEST(test_new_file_umask)
{
	struct stat	sb;
	mode_t		um = umask(027);

	write_all(in_dir("fresh"), "x");
	umask(um);
	ck_assert_int_eq(stat(in_dir("fresh"), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0640);
	ck_assert_str_eq(listing(), "fresh");
}
END_TEST

/* The temporary name is short: a target name of 255 bytes works. */
START_TEST(test_long_name)
{
	char	name[256];

	memset(name, 'n', 255);
	name[255] = '\0';
	write_all(in_dir(name), "long\n");
	ck_assert_str_eq(slurp(in_dir(name)), "long\n");
	ck_assert_str_eq(listing(), name);
}
END_TEST

START_TEST(test_symlink_followed_not_replaced)
{
	char		target[512];
	ssize_t		n;
	struct stat	sb;

	put(in_dir("real"), "old content that is longer\n", 0644);
	ck_assert_int_eq(symlink("real", in_dir("link")), 0);
	write_all(in_dir("link"), "new\n");
	ck_assert_int_eq(lstat(in_dir("link"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	n = readlink(in_dir("link"), target, sizeof target - 1);
	ck_assert_int_eq(n, 4);
	target[n] = '\0';
	ck_assert_str_eq(target, "real");
	ck_assert_str_eq(slurp(in_dir("real")), "new\n");
	ck_assert_str_eq(listing(), "link real");
}
END_TEST

/* A dangling symlink: the file it names is created, the link stays. */
START_TEST(test_dangling_symlink)
{
	struct stat	sb;

	ck_assert_int_eq(symlink("made", in_dir("link")), 0);
	write_all(in_dir("link"), "made\n");
	ck_assert_int_eq(lstat(in_dir("link"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_str_eq(slurp(in_dir("made")), "made\n");
}
END_TEST

START_TEST(test_fifo_written_through)
{
	struct stat	sb;
	char		buf[64];
	ssize_t		n;
	int		rd;

	ck_assert_int_eq(mkfifo(in_dir("pipe"), 0600), 0);
	/* A reader first, so that opening for writing does not block. */
	rd = open(in_dir("pipe"), O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(rd, 0);
	write_all(in_dir("pipe"), "through the pipe\n");
	n = read(rd, buf, sizeof buf - 1);
	ck_assert_int_eq(n, 17);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "through the pipe\n");
	close(rd);
	ck_assert_int_eq(lstat(in_dir("pipe"), &sb), 0);
	ck_assert(S_ISFIFO(sb.st_mode));
	ck_assert_str_eq(listing(), "pipe");
}
END_TEST

/* A write error through a symlink to a device is reported; nothing is
 * replaced (the device is only written, through the link). */
START_TEST(test_device_write_error)
{
	struct outfile	of;
	struct stat	sb;
	size_t		i;

	ck_assert_int_eq(symlink("/dev/full", in_dir("full")), 0);
	ck_assert_int_eq(outfile_open(&of, in_dir("full")), 0);
	ck_assert_ptr_null(of.tmp);
	for (i = 0; i < 100; i++)
		fputs("0123456789", of.fp);
	errno = 0;
	ck_assert_int_eq(outfile_commit(&of), -1);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(lstat(in_dir("full"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_int_eq(stat(in_dir("full"), &sb), 0);
	ck_assert(S_ISCHR(sb.st_mode));
	ck_assert_str_eq(listing(), "full");
}
END_TEST

START_TEST(test_directory_refused)
{
	struct outfile	of;

	ck_assert_int_eq(mkdir(in_dir("sub"), 0755), 0);
	errno = 0;
	ck_assert_int_eq(outfile_open(&of, in_dir("sub")), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_str_eq(listing(), "sub");
	rmdir(in_dir("sub"));
}
END_TEST

START_TEST(test_abort_keeps_old)
{
	struct outfile	of;

	put(in_dir("keep"), "old\n", 0644);
	ck_assert_int_eq(outfile_open(&of, in_dir("keep")), 0);
	fputs("half", of.fp);
	outfile_abort(&of);
	ck_assert_str_eq(slurp(in_dir("keep")), "old\n");
	ck_assert_str_eq(listing(), "keep");
}
END_TEST

/* SIGINT or SIGTERM while writing: the process dies of the signal, the
 * temporary file is gone, the old file is intact. */
static void
signal_case(int sig)
{
	struct outfile	of;
	pid_t		pid;
	int		status;

	put(in_dir("old"), "old\n", 0644);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(sig, SIG_DFL);
		if (outfile_open(&of, in_dir("old")) != 0)
			_exit(3);
		fputs("partial new content", of.fp);
		fflush(of.fp);
		raise(sig);
		_exit(4);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), sig);
	ck_assert_str_eq(slurp(in_dir("old")), "old\n");
	ck_assert_str_eq(listing(), "old");
}

START_TEST(test_sigterm_removes_tmp)
{
	signal_case(SIGTERM);
}
END_TEST

START_TEST(test_sigint_removes_tmp)
{
	signal_case(SIGINT);
}
END_TEST

/* After a commit the old handlers are back; an ignored signal is left
 * ignored while writing. */
START_TEST(test_handlers_released)
{
	struct sigaction	sa;
	struct outfile		of;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_IGN);
	ck_assert_int_eq(outfile_open(&of, in_dir("a")), 0);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN);
	ck_assert_int_eq(sigaction(SIGINT, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_IGN);
	ck_assert_int_eq(outfile_commit(&of), 0);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_DFL);
	ck_assert_int_eq(sigaction(SIGINT, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_IGN);
	signal(SIGINT, SIG_DFL);
}
END_TEST

START_TEST(test_same_file)
{
	const char	*inputs[3];

	put(in_dir("inv.yaml"), "sites: []\n", 0644);
	put(in_dir("other.yaml"), "sites: []\n", 0644);
	ck_assert_int_eq(symlink("inv.yaml", in_dir("alias")), 0);
	inputs[0] = in_dir("other.yaml");
	inputs[1] = in_dir("inv.yaml");
	inputs[2] = NULL;
	ck_assert_int_eq(outfile_same_file(in_dir("inv.yaml"), inputs, 3), 1);
	ck_assert_int_eq(outfile_same_file(in_dir("alias"), inputs, 3), 1);
	ck_assert_int_eq(outfile_same_file(in_dir("new"), inputs, 3), -1);
	ck_assert_int_eq(outfile_same_file("-", inputs, 3), -1);
	ck_assert_int_eq(outfile_same_file(NULL, inputs, 3), -1);
}
END_TEST

Suite *
suite_outfile(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("outfile");
	tc = tcase_create("outfile");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_regular_keeps_mode);
	tcase_add_test(tc, test_regular_keeps_owner);
	tcase_add_test(tc, test_new_file_umask);
	tcase_add_test(tc, test_long_name);
	tcase_add_test(tc, test_symlink_followed_not_replaced);
	tcase_add_test(tc, test_dangling_symlink);
	tcase_add_test(tc, test_fifo_written_through);
	tcase_add_test(tc, test_device_write_error);
	tcase_add_test(tc, test_directory_refused);
	tcase_add_test(tc, test_abort_keeps_old);
	tcase_add_test(tc, test_sigterm_removes_tmp);
	tcase_add_test(tc, test_sigint_removes_tmp);
	tcase_add_test(tc, test_handlers_released);
	tcase_add_test(tc, test_same_file);
	suite_add_tcase(s, tc);
	return s;
}
