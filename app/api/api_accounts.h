/*
 * api_accounts: the HTTP handlers for sign-up, log-in, log-out, the current
 * user, API keys and the health check. They parse and validate with
 * validate.h tables, call accounts.h, and answer with http.h; every error is
 * {"detail": ...} with the status the error calls for.
 */
#ifndef IMAGES_API_ACCOUNTS_H
#define IMAGES_API_ACCOUNTS_H

#include "http.h"

void api_healthz(struct request *req);
void api_signup(struct request *req);
void api_login(struct request *req);
void api_logout(struct request *req);
void api_me(struct request *req);
void api_keys_create(struct request *req);
void api_keys_list(struct request *req);
void api_keys_delete(struct request *req);

/*
 * Resolves who is asking from an `Authorization: Bearer` API key or the
 * session cookie. Returns 0, or 401 after answering when a bearer key was sent
 * and is not valid (a stale cookie is simply no session).
 */
int auth_resolve(struct request *req);

#define SESSION_COOKIE "images_session"

#endif
