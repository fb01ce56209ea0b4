/*
 * import_netbox.h -- map what was read from NetBox to an inventory:
 *
 *   site                 -> site (slug as id, region slug as region)
 *   location             -> domain of type location, in its parent location
 *   power panel          -> power domain SITE.PANEL, in its location
 *   power feed           -> power domain SITE.PANEL.FEED fed_by its panel
 *   rack                 -> rack SITE.RACK, power: the feeds assigned to it,
 *                           in its location
 *   device with outlets  -> power domain (a PDU) fed_by what its inlets are
 *                           cabled to (feeds or other PDUs)
 *   other device         -> host; power: what its power ports are cabled to
 *   cluster              -> domain of type cluster
 *   virtual machine      -> host `on` its device, else in its site (its
 *                           own or its cluster's); in its cluster
 *
 * Status offline, planned, decommissioning (and retired sites) are left
 * out, and so is everything inside what is left out; failed ones are
 * imported with a comment.  The README's "Start from what you have"
 * section is the user's version of this table.
 */
#ifndef FAULTLINE_IMPORT_NETBOX_H
#define FAULTLINE_IMPORT_NETBOX_H

#include "diag.h"
#include "import_report.h"
#include "invwriter.h"
#include "netbox.h"

/*
 * Map nb (indexed: netbox_index) into w, counting into rep.  Returns 0, or
 * -1 with an error in dl when the data cannot be an inventory at all (a
 * loop of locations or of PDUs feeding each other).
 */
int	import_netbox_map(const struct netbox *, struct invwriter *,
	    struct import_report *, struct diag_list *);
/* Add the mapping table above to the header of w. */
void	import_netbox_header(struct invwriter *);

#endif
