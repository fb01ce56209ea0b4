/*
 * check_main.c -- the one Check runner: runs every module's suite.
 *
 * Check writes its summary into tests/check_faultline.log; the exit status
 * is non-zero when any test failed.
 */
#include <stdlib.h>

#include "suites.h"

const char *
test_srcdir(void)
{
	const char	*dir;

	if ((dir = getenv("FAULTLINE_SRCDIR")) != NULL)
		return dir;
	return FAULTLINE_SRCDIR;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(suite_symtab());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
