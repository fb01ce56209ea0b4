/*
 * suites.h -- every Check suite of the runner (one per module).
 */
#ifndef FAULTLINE_TEST_SUITES_H
#define FAULTLINE_TEST_SUITES_H

#include <check.h>

Suite	*suite_symtab(void);

/* The source tree (for test data), from FAULTLINE_SRCDIR. */
const char *test_srcdir(void);

#endif
