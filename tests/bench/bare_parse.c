/*
 * bare_parse.c -- libyaml's bare event parse of an inventory: the floor.
 *
 * Usage: bare_parse PATH...
 *
 * Collects the inventory files the way faultline does (a directory is read
 * recursively, files ending .yaml or .yml, in sorted path order), reads each
 * file into memory and runs libyaml's event parser over it, deleting every
 * event, until the end of the stream.  Nothing is built from the events.
 * Any libyaml-based tool pays at least this much; `make bench` compares
 * `faultline check` against it.  Prints the number of files, bytes and
 * events; exits 1 on a parse or read error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "xalloc.h"

struct paths {
	char	**v;
	size_t	  n, cap;
};

static int
has_yaml_suffix(const char *name)
{
	size_t	len = strlen(name);

	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

static int
collect(struct paths *p, const char *path, int top)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*de;
	char		*sub;
	int		 rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "bare_parse: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (top || has_yaml_suffix(path)) {
			XGROW(p->v, p->cap, p->n + 1);
			p->v[p->n++] = xstrdup(path);
		}
		return 0;
	}
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "bare_parse: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		if (collect(p, sub, 0) != 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	return rc;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf = NULL;
	size_t		 cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "bare_parse: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		XGROW(buf, cap, n + 65536);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "bare_parse: %s: read error\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Parses one buffer; adds its events to *events.  Returns 0, or -1 after
 * printing libyaml's error. */
static int
parse(const char *path, const unsigned char *buf, size_t len,
    unsigned long long *events)
{
	yaml_parser_t	parser;
	yaml_event_t	event;
	int		done = 0, rc = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "bare_parse: %s:%lu:%lu: %s\n", path,
			    (unsigned long)parser.problem_mark.line + 1,
			    (unsigned long)parser.problem_mark.column + 1,
			    parser.problem ? parser.problem : "parse error");
			rc = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		(*events)++;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int
main(int argc, char **argv)
{
	struct paths		 p = { NULL, 0, 0 };
	unsigned char		*buf;
	unsigned long long	 events = 0, bytes = 0;
	size_t			 i, len;
	int			 a, rc = 0;

	if (argc < 2) {
		fputs("usage: bare_parse PATH...\n", stderr);
		return 2;
	}
	for (a = 1; a < argc; a++) {
		if (collect(&p, argv[a], 1) != 0)
			rc = 1;
	}
	if (p.n != 0)
		qsort(p.v, p.n, sizeof *p.v, cmp_path);
	for (i = 0; i < p.n; i++) {
		if ((buf = read_file(p.v[i], &len)) == NULL) {
			rc = 1;
			continue;
		}
		if (parse(p.v[i], buf, len, &events) != 0)
			rc = 1;
		bytes += len;
		free(buf);
	}
	printf("bare_parse: %zu files, %llu bytes, %llu events\n", p.n, bytes,
	    events);
	for (i = 0; i < p.n; i++)
		free(p.v[i]);
	free(p.v);
	return rc;
}
