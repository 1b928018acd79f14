#ifndef USAGELENS_CYAJL_SHIM_H
#define USAGELENS_CYAJL_SHIM_H
// yajl.pc points -I at /usr/include/yajl, but yajl's own headers include <yajl/...>;
// the full path resolves through the default include directory.
#include <yajl/yajl_parse.h>

/// yajl_config is variadic, which Swift cannot call; one wrapper per option we set.
static inline int usagelens_yajl_allow_multiple_values(yajl_handle h, int on) {
    return yajl_config(h, yajl_allow_multiple_values, on);
}

static inline int usagelens_yajl_dont_validate_strings(yajl_handle h, int on) {
    return yajl_config(h, yajl_dont_validate_strings, on);
}

#include <stddef.h>
/// glibc declares memmem only under _GNU_SOURCE, which a module map cannot set; the parse stage's
/// prefilter needs it, and the parse stage is the one place that imports this module.
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
static inline const void *usagelens_memmem(const void *h, size_t hn, const void *n, size_t nn) {
    return memmem(h, hn, n, nn);
}
#endif
