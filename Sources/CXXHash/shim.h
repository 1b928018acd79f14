#ifndef USAGELENS_CXXHASH_SHIM_H
#define USAGELENS_CXXHASH_SHIM_H
// xxHash (libxxhash-dev): the checksum of the cache's large blobs (a run's snapshot, an entry), XXH3 at memory
// speed where the string dictionary's one-chain hash does about 1.5 GB/s.
#include <xxhash.h>
#endif
