#ifndef USAGELENS_CZSTD_SHIM_H
#define USAGELENS_CZSTD_SHIM_H
#include <zstd.h>
#include <zstd_errors.h>
#endif
