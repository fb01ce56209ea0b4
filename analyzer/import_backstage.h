/*
 * import_backstage.h -- map a Backstage software catalog to services:
 *
 *   Component            -> service, kind app (kind tool when spec.type is
 *                           tool or it has the tag faultline-tool)
 *   Resource             -> service, kind data for databases and stores
 *                           (spec.type database, db, datastore, storage,
 *                           store, bucket, s3-bucket, object-storage,
 *                           cache), else platform
 *   spec.dependsOn, the inverse spec.dependencyOf -> hard depends_on
 *   spec.consumesApis    -> soft depends_on the API's providers
 *                           (spec.providesApis)
 *   spec.owner           -> owner
 *   annotations faultline.io/tier, runs-on, min-up, recovery, kind
 *                        -> tier, runs_on, min_up, recovery, kind
 *
 * Entity references [kind:][namespace/]name are resolved as Backstage
 * resolves them: case-insensitively, with the relation's default kind
 * and the entity's own namespace.  A service without runs-on becomes kind
 * external (with a note), so the inventory loads before placement is
 * known; other kinds (API, System, Domain, Group, User, ...) are left
 * out with a count.
 */
#ifndef FAULTLINE_IMPORT_BACKSTAGE_H
#define FAULTLINE_IMPORT_BACKSTAGE_H

#include "diag.h"
#include "import_files.h"
#include "import_report.h"
#include "invwriter.h"

/*
 * Read every file and map the catalog into w, counting into rep.
 * Returns 0, or -1 with diagnostics at file:line:column (YAML errors,
 * wrong types, bad annotations, an entity defined twice).
 */
int	import_backstage_run(const struct import_files *, struct invwriter *,
	    struct import_report *, struct diag_list *);
/* Add the mapping table above to the header of w. */
void	import_backstage_header(struct invwriter *);

#endif
