/*
 * test_symtab.c -- interned strings, and the big arrays of xalloc.h.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The VmFlags of the mapping holding p, from /proc/self/smaps ("" when
 * not found). */
static void
vm_flags(const void *p, char *flags, size_t size)
{
	FILE		*fp = fopen("/proc/self/smaps", "r");
	char		 line[512];
	unsigned long	 lo, hi;
	int		 in = 0;

	flags[0] = '\0';
	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' '))
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0)
			snprintf(flags, size, "%s", line + 8);
	}
	fclose(fp);
}

/*
 * After xalloc_huge_heap(), a middle-sized block (here 8 MiB, which would
 * otherwise be a mapping of its own) comes from a heap advised as huge
 * pages.  Where the C library cannot (a sanitizer's allocator), the call
 * says so and the heap stays as it was.
 */
START_TEST(test_huge_heap)
{
	char	 flags[512];
	char	*p;

	if (!xalloc_huge_heap())
		return;
	p = xmalloc((size_t)8 << 20);
	memset(p, 1, (size_t)8 << 20);
	vm_flags(p + ((size_t)4 << 20), flags, sizeof flags);
	ck_assert_msg(strstr(flags, " hg") != NULL, "VmFlags:%s", flags);
	free(p);
}
END_TEST

/*
 * Under a limit on address space the heap is not padded (the padding
 * would count against it), and the call says so.
 */
START_TEST(test_huge_heap_under_limit)
{
	struct rlimit	rl;
	pid_t		pid;
	int		status;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)4 << 30;
		if (setrlimit(RLIMIT_AS, &rl) != 0)
			_exit(3);
		_exit(xalloc_huge_heap() != 0 ? 4 : 0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
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
	tcase_add_test(tc, test_huge_heap);
	tcase_add_test(tc, test_huge_heap_under_limit);
	suite_add_tcase(s, tc);
	return s;
}
