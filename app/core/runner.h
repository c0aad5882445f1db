/*
 * runner: the render threads that claim jobs and run them by kind.
 */
#ifndef IMAGES_RUNNER_H
#define IMAGES_RUNNER_H

#include <stdatomic.h>

#include "app.h"

/* Starts cfg.render_slots render threads; they stop when *stopping becomes true. */
int runner_start(const struct app *app, atomic_bool *stopping);
/* Joins the render threads (a job in flight is abandoned; its lease lets another worker finish it). */
void runner_join(void);

#endif
