/* error: a caller-supplied error record. Library code fills it and returns a
 * status; only main prints and chooses the exit code. */
#ifndef WFSIM_ERROR_H
#define WFSIM_ERROR_H

#include <stdarg.h>

enum error_kind {
    ERROR_NONE = 0,
    ERROR_INPUT,   /* scenario or command-line problem: exit 2 */
    ERROR_MISSING, /* a required key is absent (reported after unknown keys) */
    ERROR_RUNTIME  /* I/O or resource failure while running: exit 1 */
};

struct error {
    enum error_kind kind;
    char msg[1024];
};

/* Record the first error only; later calls keep the first message. Returns -1
 * so callers can write `return error_set(e, ...)`. */
int error_set(struct error *e, enum error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int error_vset(struct error *e, enum error_kind kind, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void error_clear(struct error *e);

#endif
