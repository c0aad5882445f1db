/*
 * routes: the route table (routes.h). nginx and lighttpd send all of
 * /backend-api, /f and /v1 here.
 */
#include "routes.h"

#include "api_accounts.h"
#include "api_files.h"
#include "api_images.h"
#include "api_openai.h"
#include "prometheus.h"
#include "turns.h"

/* GET /metrics, labelled with the table the request was matched in. */
static void api_metrics(struct request *req)
{
	prometheus_answer(req, req->routes, req->nroutes);
}

static const struct route routes[] = {
	{ "GET", "/backend-api/healthz", api_healthz, ROUTE_PUBLIC },
	/* Prometheus (prometheus.h): from loopback, or for an admin. */
	{ "GET", "/metrics", api_metrics, ROUTE_PUBLIC | ROUTE_ANY_SCOPE },
	{ "POST", "/backend-api/auth/signup", api_signup, ROUTE_PUBLIC },
	{ "POST", "/backend-api/auth/login", api_login, ROUTE_PUBLIC },
	{ "POST", "/backend-api/auth/logout", api_logout, ROUTE_ACCOUNT },
	{ "GET", "/backend-api/me", api_me, ROUTE_AUTH | ROUTE_ANY_SCOPE },
	{ "POST", "/backend-api/api_keys", api_keys_create, ROUTE_AUTH | ROUTE_ACCOUNT },
	{ "GET", "/backend-api/api_keys", api_keys_list, ROUTE_AUTH | ROUTE_ACCOUNT },
	{ "DELETE", "/backend-api/api_keys/{id}", api_keys_delete, ROUTE_AUTH | ROUTE_ACCOUNT },
	{ "POST", "/backend-api/files", api_files_upload, ROUTE_AUTH },
	{ "GET", "/backend-api/files/download/{id}", api_files_download, ROUTE_AUTH },
	{ "DELETE", "/backend-api/files/{id}", api_files_delete, ROUTE_AUTH },
	{ "GET", "/backend-api/estuary/content", api_estuary_content, ROUTE_PUBLIC },
	{ "POST", "/backend-api/f/conversation/prepare", api_prepare, ROUTE_AUTH },
	{ "POST", "/f/conversation/prepare", api_prepare, ROUTE_AUTH },
	{ "POST", "/backend-api/f/conversation", api_turn, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/f/conversation", api_turn, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/backend-api/f/conversation/resume", api_resume, ROUTE_AUTH | ROUTE_STREAM },
	{ "GET", "/backend-api/conversation/{id}/stream_status", api_stream_status, ROUTE_AUTH },
	{ "POST", "/backend-api/conversation/{id}/cancel", api_conversation_cancel, ROUTE_AUTH },
	{ "GET", "/backend-api/conversations", api_conversations_list, ROUTE_AUTH },
	{ "GET", "/backend-api/conversation/{id}", api_conversation_get, ROUTE_AUTH },
	{ "PATCH", "/backend-api/conversation/{id}", api_conversation_patch, ROUTE_AUTH },
	{ "GET", "/backend-api/images/styles", api_images_styles, ROUTE_PUBLIC },
	{ "GET", "/backend-api/images/bootstrap", api_images_bootstrap, ROUTE_AUTH },
	{ "GET", "/backend-api/my/recent/image_gen", api_recent_images, ROUTE_AUTH },
	{ "DELETE", "/backend-api/my/recent/image_gen/{id}", api_recent_image_delete, ROUTE_AUTH },
	{ "POST", "/v1/images/generations", api_openai_generations, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/v1/images/edits", api_openai_edits, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/v1/images/variations", api_openai_variations, ROUTE_AUTH | ROUTE_STREAM },
	{ "GET", "/v1/models", api_openai_models, ROUTE_AUTH },
	{ "GET", "/v1/models/{id}", api_openai_model, ROUTE_AUTH },
};

const struct worker_api api_routes = { routes, sizeof(routes) / sizeof(routes[0]), auth_resolve };
