#ifndef USAGELENS_CMALLOC_SHIM_H
#define USAGELENS_CMALLOC_SHIM_H
/* Allocator tuning of the usagelens process (glibc only; elsewhere a no-op). */
#if defined(__GLIBC__) || (defined(__linux__) && __has_include(<malloc.h>))
#include <malloc.h>
static inline void usagelens_tune_malloc(int mmap_threshold, int arenas) {
    (void)mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    (void)mallopt(M_ARENA_MAX, arenas);
}
#else
static inline void usagelens_tune_malloc(int mmap_threshold, int arenas) { (void)mmap_threshold; (void)arenas; }
#endif
#endif
