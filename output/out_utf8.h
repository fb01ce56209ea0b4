/*
 * out_utf8.h -- UTF-8 checking for the renderers: formats such as JSON,
 * SARIF and XML must be valid UTF-8 whatever bytes an inventory holds.
 */
#ifndef FAULTLINE_OUT_UTF8_H
#define FAULTLINE_OUT_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Decode the UTF-8 sequence at s (len bytes available, len > 0): returns
 * its length in bytes with the code point in *cp, or 0 when the bytes are
 * not well-formed UTF-8 (truncated, overlong, a surrogate, above U+10FFFF).
 */
size_t	out_utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * A copy of s in which every byte that does not start a well-formed
 * sequence is replaced by U+FFFD; the caller frees it.
 */
char	*out_utf8_fix(const char *s);

/*
 * Write the character at s (len bytes available, len > 0) as display
 * text: tab, CR and LF become a space; other controls, C1 controls,
 * U+FFFE, U+FFFF and bytes that are not UTF-8 become bad (the format's
 * replacement character).  Returns the bytes consumed, at least 1.
 */
size_t	out_utf8_put_display(FILE *fp, const char *s, size_t len,
	    const char *bad);

/*
 * Write s as text for a terminal or a log: every C0 control (newline and
 * tab included), DEL, C1 control (U+0080 to U+009F, such as U+009B, the
 * 8-bit CSI) and byte that is not part of well-formed UTF-8 becomes '?',
 * so the text can neither break a line nor start an escape sequence.
 * The one cleaner of every diagnostic on stderr and of the text output.
 */
void	out_utf8_put_clean(FILE *fp, const char *s);

#endif
