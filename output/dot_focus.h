/*
 * dot_focus.h -- what a diagram keeps around its --focus.
 *
 * The focus is a set of components.  A diagram around it keeps every
 * service that needs the focus (runs on it, or on what it powers or
 * houses, or depends on such a service, hard, soft or for recovery) and
 * every service the focused services need.  The services view keeps only
 * services.  The placement view also keeps the focus and the
 * infrastructure it powers or houses, the hosts the kept services run on,
 * and the sites, racks and power all kept infrastructure needs.
 */
#ifndef FAULTLINE_DOT_FOCUS_H
#define FAULTLINE_DOT_FOCUS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "out_dot.h"

/*
 * A fresh array of one flag per component of a: 1 to draw it.  With no
 * focus (nfocus 0) every component is kept.
 */
uint8_t	*dot_focus_keep(const struct analysis *, const uint32_t *focus,
	    size_t nfocus, enum dot_view);

#endif
