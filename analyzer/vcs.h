/*
 * vcs.h -- which git commit an inventory is at, for the provenance of a
 * report: runs "git rev-parse" and "git status" when git is installed and
 * the inventory lies in a git work tree.  Never prints.
 */
#ifndef FAULTLINE_VCS_H
#define FAULTLINE_VCS_H

/* The environment variable that turns the lookup off when set non-empty. */
#define VCS_DISABLE_ENV	"FAULTLINE_NO_GIT"

enum vcs_status {
	VCS_FOUND,		/* *commit set */
	VCS_NONE,		/* git missing, or not in a work tree */
	VCS_DISABLED		/* VCS_DISABLE_ENV is set */
};

/*
 * The commit checked out in the git work tree that holds path (a file or
 * a directory): a fresh string of 40 (or 64) hex digits in *commit that
 * the caller frees, *dirty set when "git status" shows changes to files
 * at or below path.  *commit is NULL unless VCS_FOUND.
 */
enum vcs_status	vcs_commit(const char *path, char **commit, int *dirty);

#endif
