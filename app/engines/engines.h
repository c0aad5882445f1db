/*
 * engines: every engine by name (engine.h is the interface they share).
 */
#ifndef IMAGES_ENGINES_H
#define IMAGES_ENGINES_H

#include "engine.h"

/*
 * The engine named in images.conf: "builtin", "noop" (benchmarks: a flat image
 * at once), or a remote one over HTTP: "openai" (OpenAI Images API and servers
 * that speak it), "a1111" (AUTOMATIC1111/Forge), "comfyui" (app/engines/remote_engines.h).
 */
const struct engine *engine_find(const char *name);

#endif
