/*
 * test_brace.c -- shell-style brace ranges in names.
 */
#include <stdlib.h>
#include <string.h>

#include "brace.h"
#include "suites.h"

/* Every name of an expansion, joined by spaces. */
struct names {
	char buf[4096];
	size_t len;
	size_t calls;
};

static void
names_add(void *arg, const char *s, size_t len)
{
	struct names *n = arg;

	n->calls++;
	if (n->len + len + 2 >= sizeof n->buf)
		return;
	if (n->len > 0)
		n->buf[n->len++] = ' ';
	memcpy(n->buf + n->len, s, len);
	n->len += len;
	n->buf[n->len] = '\0';
}

static const char *
expand(struct names *n, const char *s)
{
	memset(n, 0, sizeof *n);
	ck_assert_uint_eq(
	    brace_expand(s, strlen(s), 1000, names_add, n), n->calls);
	ck_assert_uint_eq(brace_count(s, strlen(s)), n->calls);
	return n->buf;
}

START_TEST(test_brace_plain)
{
	struct names n;

	ck_assert_str_eq(expand(&n, "pangyo"), "pangyo");
	ck_assert_str_eq(expand(&n, "h-{1..3}"), "h-1 h-2 h-3");
	ck_assert_str_eq(expand(&n, "{3..1}-x"), "3-x 2-x 1-x");
	ck_assert_str_eq(expand(&n, "{7..7}"), "7");
	ck_assert_uint_eq(brace_count("h-{1..10}", 9), 10);
}
END_TEST

START_TEST(test_brace_padding)
{
	struct names n;

	ck_assert_str_eq(expand(&n, "pg-{01..03}"), "pg-01 pg-02 pg-03");
	ck_assert_str_eq(expand(&n, "{8..010}"), "008 009 010");
	ck_assert_str_eq(expand(&n, "{010..8}"), "010 009 008");
	ck_assert_str_eq(expand(&n, "{09..10}"), "09 10");
	/* As in the shell: a lone 0 is no leading zero. */
	ck_assert_str_eq(expand(&n, "{0..2}"), "0 1 2");
	ck_assert_str_eq(expand(&n, "{1..0002}"), "0001 0002");
}
END_TEST

START_TEST(test_brace_cartesian)
{
	struct names n;

	ck_assert_str_eq(expand(&n, "r{1..2}-h{1..3}"),
	    "r1-h1 r1-h2 r1-h3 r2-h1 r2-h2 r2-h3");
	ck_assert_str_eq(
	    expand(&n, "{2..1}{a}{1..2}"), "2{a}1 2{a}2 1{a}1 1{a}2");
	ck_assert_uint_eq(brace_count("{1..10}{1..10}{1..10}", 21), 1000);
}
END_TEST

START_TEST(test_brace_not_ranges)
{
	struct names n;

	ck_assert_str_eq(expand(&n, "{a..b}"), "{a..b}");
	ck_assert_str_eq(expand(&n, "x{1..}"), "x{1..}");
	ck_assert_str_eq(expand(&n, "x{..2}"), "x{..2}");
	ck_assert_str_eq(expand(&n, "x{1.2}"), "x{1.2}");
	ck_assert_str_eq(expand(&n, "x{1...2}"), "x{1...2}");
	ck_assert_str_eq(expand(&n, "x{1..2"), "x{1..2");
	ck_assert_str_eq(expand(&n, "x{-1..2}"), "x{-1..2}");
	ck_assert_str_eq(expand(&n, "{}"), "{}");
	ck_assert_str_eq(expand(&n, "{{1..2}}"), "{1} {2}");
	ck_assert_str_eq(expand(&n, "{1..{2..3}"), "{1..2 {1..3");
	/* 19 digits do not fit: text. */
	ck_assert_str_eq(
	    expand(&n, "{1..1234567890123456789}"), "{1..1234567890123456789}");
}
END_TEST

START_TEST(test_brace_bounds)
{
	struct names n;
	char s[256];
	size_t i;

	memset(&n, 0, sizeof n);
	ck_assert_uint_eq(
	    brace_expand("h{1..2000000}", 13, 1000000, names_add, &n), 2000000);
	ck_assert_uint_eq(n.calls, 0);
	ck_assert_uint_eq(brace_count("{0..999999999999999999}"
				      "{0..999999999999999999}",
			      46),
	    UINT64_MAX);
	/* Ranges past BRACE_MAX_RANGES are text. */
	s[0] = '\0';
	for (i = 0; i < BRACE_MAX_RANGES + 1; i++)
		strcat(s, "{1..1}");
	ck_assert_str_eq(expand(&n, s), "1111111111111111{1..1}");
}
END_TEST

Suite *
suite_brace(void)
{
	Suite *s = suite_create("brace");
	TCase *tc = tcase_create("expand");

	tcase_add_test(tc, test_brace_plain);
	tcase_add_test(tc, test_brace_padding);
	tcase_add_test(tc, test_brace_cartesian);
	tcase_add_test(tc, test_brace_not_ranges);
	tcase_add_test(tc, test_brace_bounds);
	suite_add_tcase(s, tc);
	return s;
}
