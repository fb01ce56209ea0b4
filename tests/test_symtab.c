/*
 * test_symtab.c -- interned strings, and the big arrays of xalloc.h.
 */
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "symtab.h"
#include "xalloc.h"

START_TEST(test_intern_same_symbol)
{
	struct symtab	*st = symtab_create();
	uint32_t	 a, b, c;

	a = symtab_intern(st, "pangyo", 6);
	b = symtab_intern(st, "ansan", 5);
	c = symtab_intern(st, "pangyo-ups", 6);
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(b, 1);
	ck_assert_uint_eq(c, a);
	ck_assert_str_eq(symtab_str(st, b), "ansan");
	ck_assert_uint_eq(symtab_len(st, a), 6);
	ck_assert_uint_eq(symtab_lookup(st, "ansan", 5), b);
	ck_assert_uint_eq(symtab_lookup(st, "ansa", 4), SYM_NONE);
	symtab_free(st);
}
END_TEST

START_TEST(test_intern_many_and_embedded_nul)
{
	struct symtab	*st = symtab_create();
	char		 buf[32];
	uint32_t	 i, s;

	for (i = 0; i < 100000; i++) {
		snprintf(buf, sizeof buf, "host-%06u", i);
		ck_assert_uint_eq(symtab_intern(st, buf, strlen(buf)), i);
	}
	ck_assert_uint_eq(symtab_count(st), 100000);
	ck_assert_uint_eq(symtab_lookup(st, "host-054321", 11), 54321);
	s = symtab_intern(st, "a\0b", 3);
	ck_assert_uint_eq(s, 100000);
	ck_assert_uint_ne(symtab_intern(st, "a", 1), s);
	ck_assert_uint_eq(symtab_len(st, s), 3);
	symtab_free(st);
	symtab_free(NULL);
}
END_TEST

/*
 * An array grown one element at a time past XALLOC_BIG keeps every
 * element: from malloc into a mapping of its own, then by mremap.
 */
START_TEST(test_big_array_grows_intact)
{
	uint32_t	*v = NULL;
	size_t		 n, cap = 0, total = 3 * XALLOC_BIG / sizeof *v + 17;

	for (n = 0; n < total; n++) {
		XBIGGROW(v, cap, n + 1);
		v[n] = (uint32_t)(n * 7 + 1);
	}
	ck_assert_uint_ge(cap * sizeof *v, 2 * XALLOC_BIG);
	for (n = 0; n < total; n++)
		if (v[n] != (uint32_t)(n * 7 + 1))
			ck_abort_msg("element %zu is %u", n, v[n]);
	xbig_free(v, cap * sizeof *v);
}
END_TEST

Suite *
suite_symtab(void)
{
	Suite	*s = suite_create("symtab");
	TCase	*tc = tcase_create("intern");

	tcase_add_test(tc, test_intern_same_symbol);
	tcase_add_test(tc, test_intern_many_and_embedded_nul);
	tcase_add_test(tc, test_big_array_grows_intact);
	suite_add_tcase(s, tc);
	return s;
}
