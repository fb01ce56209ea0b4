/*
 * netbox.h -- what faultline reads from NetBox, whatever the source (the
 * REST API's JSON, live or saved, or a `dumpdata` JSON): sites, locations,
 * racks, power panels, power feeds, power ports and outlets, the power
 * cables between them, devices, clusters and virtual machines.  Objects
 * are keyed by their NetBox id; a reference to no object is NETBOX_NONE.
 * The readers (netbox_json.c) fill it, import_netbox.c maps it.
 */
#ifndef FAULTLINE_NETBOX_H
#define FAULTLINE_NETBOX_H

#include <stddef.h>
#include <stdint.h>

#define NETBOX_NONE	INT64_MIN

enum netbox_type {
	NETBOX_SITE,
	NETBOX_LOCATION,
	NETBOX_RACK,
	NETBOX_PANEL,
	NETBOX_FEED,
	NETBOX_PORT,		/* power port (a device's inlet) */
	NETBOX_OUTLET,		/* power outlet (of a PDU) */
	NETBOX_DEVICE,
	NETBOX_CLUSTER,
	NETBOX_VM,
	NETBOX_NTYPES
};

/* One object of any type; the fields a type does not have stay NONE/NULL. */
struct netbox_object {
	enum netbox_type type;
	size_t	 seq;		/* reading order within its type */
	int64_t	 id;
	char	*name;		/* NULL: none (an unnamed device) */
	char	*slug;		/* sites, locations */
	char	*status;	/* NULL: none given */
	char	*region;	/* sites: the region's slug, or NULL */
	char	*role;		/* devices: the role's slug, or NULL */
	char	*dtype;		/* devices: the device type's slug, or NULL */
	int64_t	 site;
	int64_t	 location;	/* location of anything; parent of a location */
	int64_t	 rack;		/* devices; the rack a feed is assigned to */
	int64_t	 panel;		/* feeds */
	int64_t	 device;	/* ports and outlets; a VM's device */
	int64_t	 cluster;	/* VMs */
	char	*source;	/* where it was read: "file: $.results[3]" */
};

/* A power cable (or a connected path) between two terminations. */
struct netbox_link {
	enum netbox_type	a_type, b_type;	/* PORT, OUTLET or FEED */
	int64_t			a_id, b_id;
};

struct netbox_table {
	struct netbox_object	*v;
	size_t			 n, cap;
	int			 sorted;
};

struct netbox {
	struct netbox_table	 t[NETBOX_NTYPES];
	struct netbox_link	*links;
	size_t			 nlinks, links_cap;
	size_t			 ignored;	/* objects of endpoints not used */
};

struct netbox	*netbox_create(void);
void		 netbox_free(struct netbox *);
/* Append an object of a type with every field NONE/NULL and this id. */
struct netbox_object *netbox_add(struct netbox *, enum netbox_type, int64_t id);
void		 netbox_link(struct netbox *, enum netbox_type, int64_t,
		    enum netbox_type, int64_t);
/*
 * Sort every table by id.  Returns 0, or -1 with *first and *second set
 * to two objects of one type with the same id (in reading order).
 */
int		 netbox_index(struct netbox *, const struct netbox_object **first,
		    const struct netbox_object **second);
/* After netbox_index: the object of a type with that id, or NULL. */
const struct netbox_object *netbox_get(const struct netbox *,
		    enum netbox_type, int64_t);
/* The REST endpoint of a type, after /api/: "dcim/sites", ... */
const char	*netbox_endpoint(enum netbox_type);
/* "site", "location", "rack", "power panel", ... */
const char	*netbox_type_noun(enum netbox_type);

#endif
