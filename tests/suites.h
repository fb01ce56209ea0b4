/*
 * suites.h -- every Check suite of the runner (one per module).
 */
#ifndef FAULTLINE_TEST_SUITES_H
#define FAULTLINE_TEST_SUITES_H

#include <check.h>

Suite	*suite_symtab(void);
Suite	*suite_loader(void);
Suite	*suite_loadpool(void);
Suite	*suite_brace(void);
Suite	*suite_analysis(void);
Suite	*suite_scenario(void);
Suite	*suite_oracle(void);
Suite	*suite_pattern(void);
Suite	*suite_validate(void);
Suite	*suite_schema(void);
Suite	*suite_findings(void);
Suite	*suite_output(void);
Suite	*suite_ci_formats(void);
Suite	*suite_dot(void);
Suite	*suite_metamorphic(void);
Suite	*suite_report(void);
Suite	*suite_outfile(void);
Suite	*suite_semantics(void);
Suite	*suite_import(void);

/* The source tree (for test data), from FAULTLINE_SRCDIR. */
const char *test_srcdir(void);

#endif
