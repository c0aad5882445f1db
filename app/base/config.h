/*
 * config: images.conf, the worker's settings.
 *
 * The file is lines of `key = value`; `#` starts a comment; blank lines are
 * ignored. Every key is known in advance with its type and bounds: an unknown
 * key, a value out of bounds or a malformed line is an error naming the line,
 * so a typo never silently falls back to a default. config_defaults() fills
 * every field, so a missing file section means "the documented default".
 * struct config is plain data owned by the caller; nothing in it is freed.
 */
#ifndef IMAGES_CONFIG_H
#define IMAGES_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct config {
	char data_dir[PATH_MAX];      /* var/: db, keys, blobs, logs */
	unsigned listen_port;         /* read by conf/images-ctl (nginx/lighttpd listen port) */
	unsigned workers;             /* read by conf/images-ctl: API worker processes */
	unsigned stream_workers;      /* read by conf/images-ctl: streaming worker processes */
	unsigned threads;             /* request threads per worker process */
	char server_names[512];       /* host names requests may name in Host, space-separated; "*": any */
	char cors_origins[1024];      /* origins (https://app.example) browsers may call /v1 from; "*": any */
	unsigned stream_threads;      /* request threads per streaming worker process (-S) */
	unsigned max_streams_per_user;/* one user's open streams (SSE turns, /v1 calls) per streaming worker */
	size_t max_json_bytes;        /* largest JSON request body */
	unsigned json_max_depth;      /* deepest JSON nesting accepted */
	unsigned session_ttl_days;    /* a session cookie's lifetime */
	bool allow_signup;            /* false: only the first account can sign up */
	unsigned signups_per_hour;    /* sign-up attempts per client address an hour, refused ones too; 0: no cap */
	unsigned login_fail_per_account; /* failed logins per email from one address per window */
	unsigned login_fail_per_address; /* failed logins per client address per window */
	unsigned login_fail_window_s;
	unsigned scrypt_log2_n;       /* scrypt cost N = 2^this; r = 8, p = 1 */
	unsigned api_keys_per_user;
	size_t max_upload_bytes;      /* largest uploaded image file */
	size_t quota_mb_per_user;     /* MiB one user's images and uploads may hold; 0: no cap */
	unsigned quota_files_per_user;/* images and uploads one user may hold; 0: no cap */
	unsigned uploads_per_minute;  /* one user's uploads a minute; 0: no cap */
	unsigned max_image_side;      /* largest width or height of an uploaded image */
	unsigned thumbnail_side;      /* longest side of a WebP thumbnail */
	unsigned estuary_max_age_s;   /* a signed link's lifetime (ma) */
	unsigned estuary_bucket_s;    /* ts is rounded down to this, so URLs repeat and caches hit */
	unsigned estuary_cache_s;     /* how long nginx may cache one estuary response */
	char styles_file[PATH_MAX];   /* conf/styles.json; "" = beside the config file */
	char engine[32];              /* "builtin" (default) or "noop" (benchmarks) */
	unsigned render_slots;        /* render threads per worker process */
	unsigned max_running_per_user;/* jobs of one user rendering at once */
	unsigned max_queued_per_user; /* jobs of one user waiting or running; more is 429 */
	unsigned job_lease_s;         /* a running job's lease; renewed while it renders */
	unsigned max_prompt_bytes;    /* longest prompt accepted */
	size_t db_map_mb;             /* LMDB map reserved at open */
	size_t db_map_max_mb;         /* the map never grows past this */
	unsigned db_max_readers;
	unsigned openai_wait_s;        /* /v1/images: how long a request waits for its images */
	unsigned openai_per_minute;   /* /v1/images: requests per user per minute; 0 = no limit */
	/* The text model (an OpenAI-compatible /v1/chat/completions server); "" = none. */
	char text_model_url[512];     /* base URL, e.g. http://127.0.0.1:8081 */
	char text_model[128];         /* the model name sent in each request */
	char text_model_key_file[512];/* a file holding the API key ("" = none; IMAGES_TEXT_MODEL_KEY wins) */
	unsigned text_model_context_tokens; /* the model's window: older messages are left out past it */
	unsigned text_model_max_tokens;     /* longest reply asked for (0: the server's default) */
	bool text_model_tools;        /* offer the image_gen tool */
	unsigned text_model_connect_timeout_s;
	unsigned text_model_timeout_s;      /* a whole reply */
	unsigned text_model_idle_timeout_s; /* no byte for this long ends a reply */
	size_t text_model_max_response_bytes;
	/* Prompt enhancement: "builtin" (the engine's own) or "llm" (a chat model rewrites the prompt). */
	char enhancer[32];
	char enhancer_url[512];       /* "" = text_model_url */
	char enhancer_model[128];     /* "" = text_model */
	unsigned enhancer_timeout_s;  /* past this, the built-in enhancer is used */
	/* Remote engines (engine = openai | a1111 | comfyui): conf/images.conf documents each. */
	unsigned engine_connect_timeout_s; /* connecting to the backend */
	unsigned engine_timeout_s;    /* one HTTP exchange (or one ComfyUI run) at most this long */
	unsigned engine_retries;      /* retries of a transient failure: refused, reset, 5xx, 429 */
	size_t engine_max_response_bytes; /* largest answer read from a backend */
	char negative_prompt[1024];   /* a1111 and comfyui: what the image should not show */
	char openai_base_url[512];
	char openai_model[64];
	char openai_key_file[PATH_MAX]; /* "" : the OPENAI_API_KEY environment variable */
	char openai_size[32];         /* "fit": nearest size gpt-image-1 makes; "exact": WxH as asked */
	char openai_quality[32];
	char openai_background[32];
	char openai_output_format[32];
	bool openai_stream;           /* stream: true + partial_images (gpt-image models) */
	unsigned openai_partial_images;
	char a1111_base_url[512];
	char a1111_model[256];        /* "" : the checkpoint already loaded */
	char a1111_sampler[64];
	unsigned a1111_steps;
	unsigned a1111_cfg_scale;
	unsigned a1111_progress_ms;   /* how often /internal/progress is asked */
	char comfyui_base_url[512];   /* http:// only: the websocket client speaks plain ws:// */
	char comfyui_workflow[PATH_MAX]; /* "" : comfyui-workflow.json beside the config file */
	char comfyui_model[256];
};

/* Fills every field with its documented default. */
void config_defaults(struct config *c);

/*
 * Reads path over the current values. Returns 0, or -1 with a message in err
 * ("images.conf:12: unknown key 'thread'").
 */
int config_load(struct config *c, const char *path, char *err, size_t errlen);

/* Sets one key from its text value, as a line of the file would. 0 or -1 with err. */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);

#endif
