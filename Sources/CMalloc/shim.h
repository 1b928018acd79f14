#ifndef USAGELENS_CMALLOC_SHIM_H
#define USAGELENS_CMALLOC_SHIM_H
/* Allocator tuning of the usagelens process (glibc only; elsewhere a no-op). */
#if defined(__GLIBC__) || (defined(__linux__) && __has_include(<malloc.h>))
#include <malloc.h>
static inline void usagelens_tune_malloc(int mmap_threshold, int arenas) {
    (void)mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    (void)mallopt(M_ARENA_MAX, arenas);
}
/* Large blocks from the heap from now on (up to glibc's maximum threshold, 32 MiB), and freed ones kept there
   (up to 128 MiB at its top): a block freed is then reused by the next allocation instead of being unmapped,
   and the next one mapped and faulted in again, page by page. */
static inline void usagelens_reuse_large_blocks(void) {
    (void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
    (void)mallopt(M_TRIM_THRESHOLD, 128 << 20);
}
#else
static inline void usagelens_tune_malloc(int mmap_threshold, int arenas) { (void)mmap_threshold; (void)arenas; }
static inline void usagelens_reuse_large_blocks(void) {}
#endif
#endif
