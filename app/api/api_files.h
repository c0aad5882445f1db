/*
 * api_files: uploads, signed download links and the estuary that serves bytes.
 *
 * POST /backend-api/files takes an image as the raw body or as the "file"
 * field of multipart/form-data, sniffs and fully decodes it, stores the bytes
 * and a WebP thumbnail as blobs and answers the file record.
 * GET /backend-api/files/download/{file id} answers a freshly signed estuary
 * URL to the owner (404 to anyone else). GET /backend-api/estuary/content
 * checks the signature and window, then hands the blob to the web server
 * (X-Accel-Redirect for nginx, X-Sendfile for lighttpd) with cache headers
 * that never outlive the link. DELETE /backend-api/files/{file id} deletes one
 * of the user's files: an upload, or a generated image (as the gallery's delete).
 * Its blobs go once nothing else refers to them (blob_sweep, after an hour).
 */
#ifndef IMAGES_API_FILES_H
#define IMAGES_API_FILES_H

#include "files.h"
#include "http.h"

void api_files_upload(struct request *req);
void api_files_download(struct request *req);
void api_files_delete(struct request *req);
void api_estuary_content(struct request *req);

/*
 * A signed URL for one of rec's variants, issued at now (bucketed) into out.
 * *expires gets the link's end. Shared by every route that shows images.
 */
int files_signed_url(const struct app *app, const struct file_record *rec, bool thumbnail,
		     enum estuary_policy policy, int64_t now, char *out, size_t outlen,
		     int64_t *expires);

#endif
