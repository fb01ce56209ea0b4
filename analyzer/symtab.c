/*
 * symtab.c -- interned strings in an arena with an open-addressing index.
 *
 * The arena holds each string as its 32-bit length, its symbol, the bytes
 * and a NUL.  The index is a power-of-two table of (hash, arena offset)
 * slots with linear probing, kept at most half full.  A lookup that hits
 * touches one slot and one place in the arena: two cache misses on a table
 * of a million ids, which is what interning costs at scale.  The arena and
 * a large index are big arrays (xalloc.h): they grow without copying, on
 * transparent huge pages, so those misses do not also miss the TLB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symtab.h"
#include "xalloc.h"

struct symtab_slot {
	uint32_t	hash;
	uint32_t	off1;		/* arena offset + 1; 0 is an empty slot */
};

#define SYMTAB_HEADER	(2 * sizeof(uint32_t))	/* length, symbol */
#define SYMTAB_MAX_ARENA UINT32_MAX

struct symtab {
	char			*arena;
	size_t			 arena_len;
	size_t			 arena_cap;
	uint32_t		*offsets;	/* per symbol: of its bytes */
	uint32_t		 count;
	size_t			 syms_cap;
	struct symtab_slot	*slots;
	uint32_t		 mask;		/* slots - 1 */
};

/* FNV-1a, 32-bit: short ids hash fast and spread well enough. */
uint32_t
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

/*
 * A zeroed slot table: a large one is a mapping of its own, zero pages
 * on transparent huge pages (xalloc.h), so it is neither cleared by hand
 * nor missed in the TLB.
 */
static struct symtab_slot *
symtab_slots_alloc(size_t n)
{
	if (n * sizeof(struct symtab_slot) < XALLOC_BIG)
		return xcalloc(n, sizeof(struct symtab_slot));
	return xbig_grow(NULL, 0, n * sizeof(struct symtab_slot));
}

static void
symtab_slots_free(struct symtab_slot *slots, size_t n)
{
	xbig_free(slots, n * sizeof *slots);
}

struct symtab *
symtab_create(void)
{
	struct symtab	*st;

	st = xcalloc(1, sizeof *st);
	st->mask = 1023;
	st->slots = symtab_slots_alloc((size_t)st->mask + 1);
	return st;
}

void
symtab_free(struct symtab *st)
{
	if (st == NULL)
		return;
	xbig_free(st->arena, st->arena_cap);
	xbig_free(st->offsets, st->syms_cap * sizeof *st->offsets);
	symtab_slots_free(st->slots, (size_t)st->mask + 1);
	free(st);
}

void
symtab_clear(struct symtab *st)
{
	st->arena_len = 0;
	st->count = 0;
	memset(st->slots, 0, ((size_t)st->mask + 1) * sizeof *st->slots);
}

static void
symtab_rehash(struct symtab *st)
{
	struct symtab_slot	*old = st->slots, *slot;
	uint32_t		 oldmask = st->mask, i, j;

	st->mask = oldmask * 2 + 1;
	st->slots = symtab_slots_alloc((size_t)st->mask + 1);
	for (i = 0; i <= oldmask; i++) {
		slot = &old[i];
		if (slot->off1 == 0)
			continue;
		for (j = slot->hash & st->mask; st->slots[j].off1 != 0;
		    j = (j + 1) & st->mask)
			;
		st->slots[j] = *slot;
	}
	symtab_slots_free(old, (size_t)oldmask + 1);
}

static int
symtab_equal(const struct symtab *st, const struct symtab_slot *slot,
    const char *s, size_t len)
{
	const char	*p = st->arena + slot->off1 - 1;
	uint32_t	 have;

	memcpy(&have, p, sizeof have);
	return have == len && memcmp(p + SYMTAB_HEADER, s, len) == 0;
}

/* The slot holding s, or the empty slot where it belongs. */
static uint32_t
symtab_probe(const struct symtab *st, const char *s, size_t len, uint32_t h)
{
	uint32_t	j;

	for (j = h & st->mask; st->slots[j].off1 != 0; j = (j + 1) & st->mask) {
		if (st->slots[j].hash == h &&
		    symtab_equal(st, &st->slots[j], s, len))
			break;
	}
	return j;
}

static uint32_t
symtab_slot_sym(const struct symtab *st, const struct symtab_slot *slot)
{
	uint32_t	sym;

	memcpy(&sym, st->arena + slot->off1 - 1 + sizeof sym, sizeof sym);
	return sym;
}

uint32_t
symtab_lookup(const struct symtab *st, const char *s, size_t len)
{
	uint32_t	j;

	j = symtab_probe(st, s, len, symtab_hash(s, len));
	return st->slots[j].off1 != 0 ? symtab_slot_sym(st, &st->slots[j]) :
	    SYM_NONE;
}

void
symtab_prefetch(const struct symtab *st, uint32_t h)
{
	const struct symtab_slot	*slot = &st->slots[h & st->mask];

	__builtin_prefetch(slot);
}

void
symtab_prefetch_text(const struct symtab *st, uint32_t h)
{
	const struct symtab_slot	*slot = &st->slots[h & st->mask];

	if (slot->off1 != 0 && slot->hash == h)
		__builtin_prefetch(st->arena + slot->off1 - 1);
}

uint32_t
symtab_intern(struct symtab *st, const char *s, size_t len)
{
	return symtab_intern_hash(st, s, len, symtab_hash(s, len));
}

uint32_t
symtab_intern_hash(struct symtab *st, const char *s, size_t len, uint32_t h)
{
	uint32_t	j, sym, len32 = (uint32_t)len;
	size_t		need;

	j = symtab_probe(st, s, len, h);
	if (st->slots[j].off1 != 0)
		return symtab_slot_sym(st, &st->slots[j]);
	sym = st->count;
	need = st->arena_len + SYMTAB_HEADER + len + 1;
	if (need >= SYMTAB_MAX_ARENA || len > UINT32_MAX) {
		fputs("faultline: more than 4 GiB of distinct ids\n", stderr);
		exit(2);
	}
	XBIGGROW(st->offsets, st->syms_cap, (size_t)sym + 1);
	XBIGGROW(st->arena, st->arena_cap, need);
	memcpy(st->arena + st->arena_len, &len32, sizeof len32);
	memcpy(st->arena + st->arena_len + sizeof len32, &sym, sizeof sym);
	memcpy(st->arena + st->arena_len + SYMTAB_HEADER, s, len);
	st->arena[need - 1] = '\0';
	st->slots[j].hash = h;
	st->slots[j].off1 = (uint32_t)st->arena_len + 1;
	st->offsets[sym] = (uint32_t)(st->arena_len + SYMTAB_HEADER);
	st->arena_len = need;
	st->count++;
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
	uint32_t	len;

	memcpy(&len, st->arena + st->offsets[sym] - SYMTAB_HEADER, sizeof len);
	return len;
}

uint32_t
symtab_count(const struct symtab *st)
{
	return st->count;
}
