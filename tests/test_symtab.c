/*
 * test_symtab.c -- interned strings.
 */
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "symtab.h"

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

Suite *
suite_symtab(void)
{
	Suite	*s = suite_create("symtab");
	TCase	*tc = tcase_create("intern");

	tcase_add_test(tc, test_intern_same_symbol);
	tcase_add_test(tc, test_intern_many_and_embedded_nul);
	suite_add_tcase(s, tc);
	return s;
}
