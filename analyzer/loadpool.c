/*
 * loadpool.c -- load inventory files on several threads, in file order.
 *
 * Files wait in a ring of jobs, two more than the threads, in the order
 * they were added.  A free thread takes the first job waiting, reads the file (with
 * a buffer of its own, reused from file to file, so pages are faulted in
 * once), parses it and loads it into the job's own inventory and
 * diagnostics.  The thread that adds files appends finished jobs, first
 * to last, to the real inventory; when the first job is still waiting it
 * loads that one itself, straight into the inventory, so a single file
 * costs no append.  With several threads, files are parsed inline, each
 * by its reader: the threads are busy with files already.
 */
#define _GNU_SOURCE		/* sched_getaffinity() */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ldschema.h"
#include "loader.h"
#include "loadpool.h"
#include "xalloc.h"
#include "yamlev.h"

#define LOADPOOL_MAX_THREADS	3	/* besides the caller's */
/* Jobs: one per thread and the caller's, and one to append meanwhile. */
#define LOADPOOL_SLOTS		(LOADPOOL_MAX_THREADS + 2)

enum lpstate {
	LP_WAITING,
	LP_RUNNING,
	LP_DONE
};

/* What one thread loads files with. */
struct lpreader {
	struct yamlev	*y;
	struct ldschema	*schema;
	unsigned char	*buf;
	size_t		 buf_cap;
};

struct lpjob {
	enum lpstate	  state;
	char		 *path;
	int		  fd;
	size_t		  hint, limit;
	uint32_t	  fileno;
	struct inventory *part;		/* loaded here unless loaded straight */
	struct diag_list  dl;
};

struct loadpool {
	struct inventory *inv;
	struct diag_list *dl;
	struct lpreader	  reader;	/* the caller's */
	uint32_t	 *map;		/* inventory_append()'s scratch */
	size_t		  map_cap;

	pthread_mutex_t	  mu;
	pthread_cond_t	  waiting;	/* a job waits, or stop */
	pthread_cond_t	  done;		/* a job is done */
	struct lpjob	  jobs[LOADPOOL_SLOTS];
	size_t		  nslots;	/* of them in use */
	size_t		  head, count;	/* jobs[head ...], count of them */
	int		  stop;
	pthread_t	  threads[LOADPOOL_MAX_THREADS];
	size_t		  nthreads, want_threads;
};

static void
lp_reader_init(struct lpreader *rd, int parse_thread)
{
	memset(rd, 0, sizeof *rd);
	rd->y = yamlev_create();
	yamlev_set_parse_thread(rd->y, parse_thread);
	rd->schema = ldschema_create();
}

static void
lp_reader_free(struct lpreader *rd)
{
	xbig_free(rd->buf, rd->buf_cap);
	ldschema_free(rd->schema);
	yamlev_free(rd->y);
}

/*
 * Read the job's file to its end, at most its limit of bytes, into the
 * reader's buffer.  NULL with errno set on a read error, or EFBIG past
 * the limit.
 */
static unsigned char *
lp_read_fd(struct lpreader *rd, const struct lpjob *job, size_t *lenp)
{
	size_t	len = 0;
	ssize_t	r;

	XBIGGROW(rd->buf, rd->buf_cap, job->hint > 0 ? job->hint + 1 : 4096);
	for (;;) {
		if (len == rd->buf_cap)
			XBIGGROW(rd->buf, rd->buf_cap, len + 1);
		r = read(job->fd, rd->buf + len, rd->buf_cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return NULL;
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > job->limit) {
			errno = EFBIG;
			return NULL;
		}
	}
	*lenp = len;
	return rd->buf;
}

/*
 * Read, parse and load the job's file into inv, reporting into dl.  A
 * file that cannot be read keeps the index it was given.
 */
static void
lp_load(struct lpreader *rd, struct lpjob *job, struct inventory *inv,
    struct diag_list *dl)
{
	unsigned char	*buf;
	size_t		 len;

	buf = lp_read_fd(rd, job, &len);
	if (buf == NULL && errno == EFBIG)
		diag_add(dl, DIAG_ERROR, job->path, 0, 0, "cannot read: more "
		    "than %d bytes from a FIFO (at most %d MiB are read from "
		    "a pipe)", LOADER_MAX_STREAM, LOADER_MAX_STREAM >> 20);
	else if (buf == NULL)
		diag_add(dl, DIAG_ERROR, job->path, 0, 0, "cannot read: %s",
		    strerror(errno));
	close(job->fd);
	job->fd = -1;
	if (buf == NULL)
		return;
	if (yamlev_open(rd->y, dl, job->path, buf, len) == 0)
		ldschema_file(rd->schema, rd->y, inv, job->fileno);
	yamlev_close(rd->y);
}

/* Load the job into its own inventory. */
static void
lp_load_part(struct lpreader *rd, struct lpjob *job)
{
	if (job->part == NULL)
		job->part = inventory_create();
	lp_load(rd, job, job->part, &job->dl);
}

/* The first job waiting, or NULL.  Called locked. */
static struct lpjob *
lp_waiting(struct loadpool *lp)
{
	size_t	i;

	for (i = 0; i < lp->count; i++) {
		struct lpjob *job = &lp->jobs[(lp->head + i) % lp->nslots];

		if (job->state == LP_WAITING)
			return job;
	}
	return NULL;
}

static void *
lp_thread(void *arg)
{
	struct loadpool	*lp = arg;
	struct lpreader	 rd;
	struct lpjob	*job;

	lp_reader_init(&rd, 0);
	pthread_mutex_lock(&lp->mu);
	for (;;) {
		while (!lp->stop && (job = lp_waiting(lp)) == NULL)
			pthread_cond_wait(&lp->waiting, &lp->mu);
		if (lp->stop)
			break;
		job->state = LP_RUNNING;
		pthread_mutex_unlock(&lp->mu);
		lp_load_part(&rd, job);
		pthread_mutex_lock(&lp->mu);
		job->state = LP_DONE;
		pthread_cond_signal(&lp->done);
	}
	pthread_mutex_unlock(&lp->mu);
	lp_reader_free(&rd);
	return NULL;
}

/* Free the first job's slot. */
static void
lp_release(struct loadpool *lp, struct lpjob *job)
{
	free(job->path);
	job->path = NULL;
	pthread_mutex_lock(&lp->mu);
	lp->head = (lp->head + 1) % lp->nslots;
	lp->count--;
	pthread_mutex_unlock(&lp->mu);
}

/* Append the first job, done in its own inventory, to the inventory. */
static void
lp_append(struct loadpool *lp, struct lpjob *job)
{
	const struct meta	*first = &lp->inv->meta, *second;

	diag_list_move(lp->dl, &job->dl);
	second = &job->part->meta;
	if (first->present && second->present)
		diag_add(lp->dl, DIAG_ERROR, job->path, second->mark.line,
		    second->mark.column, LDSCHEMA_SECOND_META,
		    inventory_file(lp->inv, first->mark.file),
		    first->mark.line, first->mark.column);
	inventory_append(lp->inv, job->part, &lp->map, &lp->map_cap);
	lp_release(lp, job);
}

/*
 * One step of the caller's work: append the first job if it is done.
 * Unless only that is asked, load the first job straight into the
 * inventory if no thread took it, else a later job waiting, else wait for
 * a job to be done.  Returns 0 when there was nothing to do.
 */
static int
lp_step(struct loadpool *lp, int append_only)
{
	struct lpjob	*first, *job;

	pthread_mutex_lock(&lp->mu);
	if (lp->count == 0) {
		pthread_mutex_unlock(&lp->mu);
		return 0;
	}
	first = &lp->jobs[lp->head];
	if (first->state == LP_DONE) {
		pthread_mutex_unlock(&lp->mu);
		lp_append(lp, first);
		return 1;
	}
	if (append_only) {
		pthread_mutex_unlock(&lp->mu);
		return 0;
	}
	if (first->state == LP_WAITING) {
		first->state = LP_RUNNING;
		pthread_mutex_unlock(&lp->mu);
		lp_load(&lp->reader, first, lp->inv, lp->dl);
		lp_release(lp, first);
		return 1;
	}
	if ((job = lp_waiting(lp)) != NULL) {
		job->state = LP_RUNNING;
		pthread_mutex_unlock(&lp->mu);
		lp_load_part(&lp->reader, job);
		pthread_mutex_lock(&lp->mu);
		job->state = LP_DONE;
		pthread_mutex_unlock(&lp->mu);
		return 1;
	}
	pthread_cond_wait(&lp->done, &lp->mu);
	pthread_mutex_unlock(&lp->mu);
	return 1;
}

/* Start the threads once there is a second file to load. */
static void
lp_start_threads(struct loadpool *lp)
{
	while (lp->nthreads < lp->want_threads) {
		if (pthread_create(&lp->threads[lp->nthreads], NULL, lp_thread,
		    lp) != 0)
			break;
		lp->nthreads++;
	}
	lp->want_threads = lp->nthreads;
}

/* The CPUs this process may run on. */
static long
lp_cpus(void)
{
#ifdef CPU_COUNT
	cpu_set_t	set;

	if (sched_getaffinity(0, sizeof set, &set) == 0)
		return CPU_COUNT(&set);
#endif
	return sysconf(_SC_NPROCESSORS_ONLN);
}

struct loadpool *
loadpool_create(struct inventory *inv, struct diag_list *dl, size_t nfiles)
{
	struct loadpool	*lp;
	long		 cpus = lp_cpus();
	size_t		 i;

	lp = xcalloc(1, sizeof *lp);
	lp->inv = inv;
	lp->dl = dl;
	if (nfiles >= 2 && cpus >= 2)
		lp->want_threads = (size_t)cpus - 1 < LOADPOOL_MAX_THREADS ?
		    (size_t)cpus - 1 : LOADPOOL_MAX_THREADS;
	lp->nslots = lp->want_threads + 2;
	lp_reader_init(&lp->reader, lp->want_threads == 0);
	for (i = 0; i < LOADPOOL_SLOTS; i++)
		lp->jobs[i].fd = -1;
	pthread_mutex_init(&lp->mu, NULL);
	pthread_cond_init(&lp->waiting, NULL);
	pthread_cond_init(&lp->done, NULL);
	return lp;
}

void
loadpool_add(struct loadpool *lp, const char *path, int fd, size_t hint,
    size_t limit)
{
	struct lpjob	*job;

	while (lp_step(lp, 1))
		;
	while (lp->count == lp->nslots)
		lp_step(lp, 0);
	job = &lp->jobs[(lp->head + lp->count) % lp->nslots];
	job->path = xstrdup(path);
	job->fd = fd;
	job->hint = hint;
	job->limit = limit;
	job->fileno = inventory_add_file(lp->inv, path);
	pthread_mutex_lock(&lp->mu);
	job->state = LP_WAITING;
	lp->count++;
	pthread_cond_signal(&lp->waiting);
	pthread_mutex_unlock(&lp->mu);
	if (lp->count >= 2 && lp->nthreads < lp->want_threads)
		lp_start_threads(lp);
}

void
loadpool_sync(struct loadpool *lp)
{
	while (lp->count > 0)
		lp_step(lp, 0);
}

void
loadpool_finish(struct loadpool *lp)
{
	size_t	i;

	loadpool_sync(lp);
	pthread_mutex_lock(&lp->mu);
	lp->stop = 1;
	pthread_cond_broadcast(&lp->waiting);
	pthread_mutex_unlock(&lp->mu);
	for (i = 0; i < lp->nthreads; i++)
		pthread_join(lp->threads[i], NULL);
	for (i = 0; i < LOADPOOL_SLOTS; i++) {
		inventory_free(lp->jobs[i].part);
		diag_list_free(&lp->jobs[i].dl);
	}
	pthread_cond_destroy(&lp->done);
	pthread_cond_destroy(&lp->waiting);
	pthread_mutex_destroy(&lp->mu);
	free(lp->map);
	lp_reader_free(&lp->reader);
	free(lp);
}
