/*
 * main.c -- the faultline command line: parse arguments, call the library,
 * map the result to an exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("faultline %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: faultline check [PATH...]\n");
	return 2;
}
