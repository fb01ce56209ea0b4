/*
 * test_pattern.c -- regular expressions (PCRE2 in UTF mode).
 */
#include <string.h>

#include "pattern.h"
#include "suites.h"

static int
match(const struct pattern *p, const char *s)
{
	return pattern_match(p, s, strlen(s), NULL, 0);
}

START_TEST(test_pattern_matches)
{
	struct pattern	*p;
	char		 err[128];
	size_t		 off = 99;

	p = pattern_compile("^legacy-", err, sizeof err, &off);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(off, 0);
	ck_assert_int_eq(match(p, "legacy-billing"), 1);
	ck_assert_int_eq(match(p, "new-legacy-billing"), 0);
	ck_assert_int_eq(match(p, ""), 0);
	pattern_free(p);

	/* Unanchored: matches anywhere. */
	p = pattern_compile("db[0-9]+", err, sizeof err, &off);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(match(p, "pg-db12-a"), 1);
	ck_assert_int_eq(match(p, "pg-db-a"), 0);
	/* Only len bytes are the subject. */
	ck_assert_int_eq(pattern_match(p, "db1", 2, NULL, 0), 0);
	ck_assert_int_eq(pattern_match(p, "db1", 3, NULL, 0), 1);
	pattern_free(p);

	p = pattern_compile("^(auth|login)$", NULL, 0, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(match(p, "auth"), 1);
	ck_assert_int_eq(match(p, "login"), 1);
	ck_assert_int_eq(match(p, "auth2"), 0);
	pattern_free(p);
	pattern_free(NULL);
}
END_TEST

START_TEST(test_pattern_utf8)
{
	struct pattern	*p;
	char		 err[128];

	/* In UTF mode '.' is one character, not one byte. */
	p = pattern_compile("^판교-.$", NULL, 0, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(match(p, "판교-가"), 1);
	ck_assert_int_eq(match(p, "판교-ab"), 0);
	ck_assert_int_eq(match(p, "pangyo-a"), 0);
	pattern_free(p);

	p = pattern_compile("^.{3}$", NULL, 0, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(match(p, "데이터"), 1);
	ck_assert_int_eq(match(p, "abc"), 1);
	ck_assert_int_eq(match(p, "abcd"), 0);
	/* Invalid UTF-8 in the subject is an error, not a crash and not
	 * "no match". */
	ck_assert_int_eq(pattern_match(p, "a\xff" "b", 3, err, sizeof err), -1);
	ck_assert_str_eq(err, "UTF-8 error: illegal byte (0xfe or 0xff)");
	pattern_free(p);
}
END_TEST

START_TEST(test_pattern_bad)
{
	struct pattern	*p;
	char		 err[128];
	size_t		 off = 0;

	p = pattern_compile("^(legacy", err, sizeof err, &off);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "missing closing parenthesis");
	ck_assert_uint_eq(off, 8);

	p = pattern_compile("a[b-", err, sizeof err, &off);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "missing terminating ] for character class");
	ck_assert_uint_eq(off, 4);

	p = pattern_compile("ab*+?c", err, sizeof err, &off);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "quantifier does not follow a repeatable item");
	ck_assert_uint_eq(off, 4);

	/* An invalid UTF-8 pattern is refused too. */
	p = pattern_compile("a\xc3", err, sizeof err, &off);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "UTF-8 error: 1 byte missing at end");
	ck_assert_uint_eq(off, 1);

	/* A small buffer truncates the message, NUL-terminated. */
	p = pattern_compile("(", err, 8, &off);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err, "missing");
	ck_assert_uint_eq(off, 1);
}
END_TEST

START_TEST(test_pattern_backtracking_bounded)
{
	struct pattern	*p;
	char		 s[64], err[128];

	/* Catastrophic backtracking ends at the match limit: an error with
	 * PCRE2's reason, never "no match". */
	p = pattern_compile("^(a+)+$", NULL, 0, NULL);
	ck_assert_ptr_nonnull(p);
	memset(s, 'a', sizeof s - 2);
	s[sizeof s - 2] = 'b';
	s[sizeof s - 1] = '\0';
	ck_assert_int_eq(pattern_match(p, s, strlen(s), err, sizeof err), -1);
	ck_assert_str_eq(err, "match limit exceeded");
	ck_assert_int_eq(match(p, "aaaa"), 1);
	ck_assert_int_eq(match(p, "aaab"), 0);
	/* A lower limit: a short subject that needs more steps fails too. */
	pattern_set_match_limit(p, 5);
	ck_assert_int_eq(pattern_match(p, "aaaaaaaaaaab", 12, err, sizeof err),
	    -1);
	ck_assert_str_eq(err, "match limit exceeded");
	pattern_free(p);
}
END_TEST

Suite *
suite_pattern(void)
{
	Suite	*s = suite_create("pattern");
	TCase	*tc = tcase_create("pattern");

	tcase_add_test(tc, test_pattern_matches);
	tcase_add_test(tc, test_pattern_utf8);
	tcase_add_test(tc, test_pattern_bad);
	tcase_add_test(tc, test_pattern_backtracking_bounded);
	suite_add_tcase(s, tc);
	return s;
}
