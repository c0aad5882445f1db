/*
 * clock: milliseconds for timeouts and intervals (monotonic: never jumps), and
 * wall-clock time for what is stored and shown.
 */
#ifndef IMAGES_CLOCK_H
#define IMAGES_CLOCK_H

#include <stdint.h>

/* Monotonic milliseconds: deadlines, intervals, lease renewal timing. */
int64_t mono_ms(void);
/* Wall-clock milliseconds since the epoch: job leases and times stored in LMDB. */
int64_t now_ms(void);
/* Wall-clock seconds since the epoch, to the millisecond: create_time/update_time fields. */
double now_epoch(void);

#endif
