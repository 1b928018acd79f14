#ifndef USAGELENS_CSQLITECONFIG_SHIM_H
#define USAGELENS_CSQLITECONFIG_SHIM_H
// sqlite3_db_config is variadic, which Swift cannot call: the one setting the cache needs, as a function.
#include <sqlite3.h>

/// The last connection to close leaves the WAL as it is (no checkpoint, no deletion): the next run then opens
/// a database whose WAL and index are ready, instead of GRDB writing a transaction to make a WAL at every open.
static inline int usagelens_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
#endif
