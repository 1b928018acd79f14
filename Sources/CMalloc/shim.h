#ifndef USAGELENS_CMALLOC_SHIM_H
#define USAGELENS_CMALLOC_SHIM_H
/* Allocator tuning of the usagelens process (glibc only; elsewhere a no-op). */
#if defined(__GLIBC__) || (defined(__linux__) && __has_include(<malloc.h>))
#include <malloc.h>
static inline void usagelens_fix_mmap_threshold(int bytes) { (void)mallopt(M_MMAP_THRESHOLD, bytes); }
#else
static inline void usagelens_fix_mmap_threshold(int bytes) { (void)bytes; }
#endif
#endif
