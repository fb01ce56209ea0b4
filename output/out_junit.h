/*
 * out_junit.h -- `check --format junit`: JUnit XML for CI test reports,
 * one testsuite per rule id and one testcase per service (per waiver for
 * waiver-expired, per file for schema); a testcase fails with its
 * findings.  Always well-formed XML 1.0, whatever bytes the names hold.
 */
#ifndef FAULTLINE_OUT_JUNIT_H
#define FAULTLINE_OUT_JUNIT_H

#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"

/*
 * Write the JUnit report of the findings to fp; a is NULL when the
 * inventory is invalid (only the files are test cases then), inv may be
 * NULL.  Findings below fail_on (as check --fail-on) fail no test case.
 * Returns 0, or -1 on a write error.
 */
int	out_junit_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *,
	    enum severity fail_on);

/*
 * Write s to fp as XML character data (attr zero) or as an attribute value
 * (attr non-zero): markup characters escaped, characters XML 1.0 forbids
 * (control bytes, ill-formed UTF-8, U+FFFE, U+FFFF) replaced by U+FFFD.
 */
void	out_junit_escape(FILE *, const char *s, int attr);

#endif
