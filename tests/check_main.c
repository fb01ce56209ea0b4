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
	srunner_add_suite(sr, suite_loader());
	srunner_add_suite(sr, suite_loadpool());
	srunner_add_suite(sr, suite_brace());
	srunner_add_suite(sr, suite_pattern());
	srunner_add_suite(sr, suite_analysis());
	srunner_add_suite(sr, suite_scenario());
	srunner_add_suite(sr, suite_oracle());
	srunner_add_suite(sr, suite_validate());
	srunner_add_suite(sr, suite_findings());
	srunner_add_suite(sr, suite_output());
	srunner_add_suite(sr, suite_schema());
	srunner_add_suite(sr, suite_ci_formats());
	srunner_add_suite(sr, suite_dot());
	srunner_add_suite(sr, suite_metamorphic());
	srunner_add_suite(sr, suite_report());
	srunner_add_suite(sr, suite_outfile());
	srunner_add_suite(sr, suite_semantics());
	srunner_add_suite(sr, suite_import());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
