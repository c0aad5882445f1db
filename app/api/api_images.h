/*
 * api_images: the Images API layer — style presets, the user's gallery and
 * the bootstrap that gives /images everything it needs in one round trip.
 * Every image URL in these answers is signed when read (never stored), so old
 * galleries never show dead links.
 */
#ifndef IMAGES_API_IMAGES_H
#define IMAGES_API_IMAGES_H

#include "app.h"
#include "http.h"

void api_images_styles(struct request *req);
void api_images_bootstrap(struct request *req);
void api_recent_images(struct request *req);
void api_recent_image_delete(struct request *req);

/*
 * Loads the presets from path (conf/styles.json) into what /images/styles
 * answers. Every id must be a style the engine knows. A missing file means
 * the engine's own presets. NULL with err when the file is malformed.
 */
json_t *styles_load(const char *path, char *err, size_t errlen);

#endif
