#ifndef USAGELENS_CZSTD_SHIM_H
#define USAGELENS_CZSTD_SHIM_H
// ZSTD_customMem and ZSTD_createDCtx_advanced (exported by libzstd.so) let a worker recycle the memory of the
// decoding contexts it makes, one per file (ZstdDecoder.Pool).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
#endif
