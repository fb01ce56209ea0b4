/*
 * symtab.c -- interned strings in an arena with an open-addressing index.
 *
 * The arena is one char buffer; each symbol records its offset and length.
 * The index is a power-of-two table of (hash, symbol+1) slots with linear
 * probing, kept at most half full.
 */
#include <stdlib.h>
#include <string.h>

#include "symtab.h"
#include "xalloc.h"

struct symtab_slot {
	uint32_t	hash;
	uint32_t	sym1;		/* symbol + 1; 0 is an empty slot */
};

struct symtab {
	char			*arena;
	size_t			 arena_len;
	size_t			 arena_cap;
	size_t			*offsets;	/* per symbol */
	uint32_t		*lengths;	/* per symbol */
	uint32_t		 count;
	size_t			 syms_cap;
	struct symtab_slot	*slots;
	uint32_t		 mask;		/* slots - 1 */
};

/* FNV-1a, 32-bit: short ids hash fast and spread well enough. */
static uint32_t
symtab_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct symtab *
symtab_create(void)
{
	struct symtab	*st;

	st = xcalloc(1, sizeof *st);
	st->mask = 1023;
	st->slots = xcalloc((size_t)st->mask + 1, sizeof *st->slots);
	return st;
}

void
symtab_free(struct symtab *st)
{
	if (st == NULL)
		return;
	free(st->arena);
	free(st->offsets);
	free(st->lengths);
	free(st->slots);
	free(st);
}

static void
symtab_rehash(struct symtab *st)
{
	struct symtab_slot	*old = st->slots, *slot;
	uint32_t		 oldmask = st->mask, i, j;

	st->mask = oldmask * 2 + 1;
	st->slots = xcalloc((size_t)st->mask + 1, sizeof *st->slots);
	for (i = 0; i <= oldmask; i++) {
		slot = &old[i];
		if (slot->sym1 == 0)
			continue;
		for (j = slot->hash & st->mask; st->slots[j].sym1 != 0;
		    j = (j + 1) & st->mask)
			;
		st->slots[j] = *slot;
	}
	free(old);
}

static int
symtab_equal(const struct symtab *st, uint32_t sym, const char *s, size_t len)
{
	return st->lengths[sym] == len &&
	    memcmp(st->arena + st->offsets[sym], s, len) == 0;
}

uint32_t
symtab_lookup(const struct symtab *st, const char *s, size_t len)
{
	uint32_t	h = symtab_hash(s, len), j;

	for (j = h & st->mask; st->slots[j].sym1 != 0; j = (j + 1) & st->mask) {
		if (st->slots[j].hash == h &&
		    symtab_equal(st, st->slots[j].sym1 - 1, s, len))
			return st->slots[j].sym1 - 1;
	}
	return SYM_NONE;
}

uint32_t
symtab_intern(struct symtab *st, const char *s, size_t len)
{
	uint32_t	h = symtab_hash(s, len), j, sym;

	for (j = h & st->mask; st->slots[j].sym1 != 0; j = (j + 1) & st->mask) {
		if (st->slots[j].hash == h &&
		    symtab_equal(st, st->slots[j].sym1 - 1, s, len))
			return st->slots[j].sym1 - 1;
	}
	sym = st->count;
	if ((size_t)sym + 1 > st->syms_cap) {
		XGROW(st->offsets, st->syms_cap, (size_t)sym + 1);
		st->lengths = xreallocarray(st->lengths, st->syms_cap,
		    sizeof *st->lengths);
	}
	XGROW(st->arena, st->arena_cap, st->arena_len + len + 1);
	memcpy(st->arena + st->arena_len, s, len);
	st->arena[st->arena_len + len] = '\0';
	st->offsets[sym] = st->arena_len;
	st->lengths[sym] = (uint32_t)len;
	st->arena_len += len + 1;
	st->count++;
	st->slots[j].hash = h;
	st->slots[j].sym1 = sym + 1;
	if ((size_t)st->count * 2 > (size_t)st->mask)
		symtab_rehash(st);
	return sym;
}

const char *
symtab_str(const struct symtab *st, uint32_t sym)
{
	return st->arena + st->offsets[sym];
}

size_t
symtab_len(const struct symtab *st, uint32_t sym)
{
	return st->lengths[sym];
}

uint32_t
symtab_count(const struct symtab *st)
{
	return st->count;
}
