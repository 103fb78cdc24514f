/* error: first-error-wins message record (see include/wfsim/error.h). */
#include "wfsim/error.h"

#include <stdio.h>

int error_vset(struct error *e, enum error_kind kind, const char *fmt, va_list ap)
{
    if (e == NULL || e->kind != ERROR_NONE)
        return -1;
    e->kind = kind;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    return -1;
}

int error_set(struct error *e, enum error_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(e, kind, fmt, ap);
    va_end(ap);
    return -1;
}

void error_clear(struct error *e)
{
    e->kind = ERROR_NONE;
    e->msg[0] = '\0';
}
