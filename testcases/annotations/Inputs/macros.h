/*
 * Every macro of lockwarden.h, one per line, each after a "name =" marker, for the tests
 * that check the exact expansion with -E.  Not C: preprocess only.
 */
#include "lockwarden.h"
immutable = LW_IMMUTABLE
self_locking = LW_SELF_LOCKING
guarded_by = LW_GUARDED_BY(lock)
rcu_config = LW_RCU_CONFIG(lock)
atomic = LW_ATOMIC
driver_lock = LW_DRIVER_LOCK
capability = LW_CAPABILITY("mutex")
acquires = LW_ACQUIRES(*m)
acquires_shared = LW_ACQUIRES_SHARED(*m)
releases = LW_RELEASES(*m)
requires = LW_REQUIRES(driver->lock)
requires_shared = LW_REQUIRES_SHARED(vm->lock)
excludes = LW_EXCLUDES(driver->lock)
try_acquires = LW_TRY_ACQUIRES(0, *m)
acquires_guard = LW_ACQUIRES_GUARD(*m)
releases_guard = LW_RELEASES_GUARD(*g)
waits = LW_WAITS(qemuDriverGlobalLock)
blocking = LW_BLOCKING
nonblocking = LW_NONBLOCKING
init = LW_INIT
rcu_read_lock = LW_RCU_READ_LOCK
rcu_read_unlock = LW_RCU_READ_UNLOCK
rcu_publish = LW_RCU_PUBLISH
no_analysis = LW_NO_ANALYSIS
hands_off = LW_HANDS_OFF
stores_callbacks = LW_STORES_CALLBACKS
recursive = LW_RECURSIVE
end_of_macros =
