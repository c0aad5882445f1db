/*
 * fuzz_comfyui: what the ComfyUI and OpenAI engines take from a backend or a
 * template (app/engines/remote_engines.h): remote_comfyui_fill() over a workflow
 * template, and remote_b64_decode() over an image's base64.
 *
 * Input: byte 0 picks the function. Even: the rest is a workflow (JSON) that
 * remote_comfyui_fill() fills. Odd: the rest is base64 (possibly with a
 * "data:...;base64," prefix), given with its exact length, no NUL after it.
 *
 * Checked beyond "no crash": a filled workflow has no placeholder left and is
 * still an object; a refused one had no "{{prompt}}" or nested too deep or a
 * string grew past the limit. A decoded buffer has the length base64 says
 * (3 bytes per 4 characters, less the padding) and encodes back to the same
 * characters (OpenSSL's EVP_EncodeBlock).
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "remote_engines.h"

static int has_placeholder(const json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		return strstr(s, "{{prompt}}") || strstr(s, "{{negative_prompt}}") ||
		       strstr(s, "{{model}}") || strcmp(s, "{{width}}") == 0 ||
		       strcmp(s, "{{height}}") == 0 || strcmp(s, "{{seed}}") == 0;
	}
	const char *k;
	json_t *c;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, c)
			if (has_placeholder(c))
				return 1;
	} else if (json_is_array(v)) {
		json_array_foreach((json_t *)v, i, c)
			if (!json_is_string(c) && has_placeholder(c))
				return 1; /* strings in arrays are node links: left alone */
	}
	return 0;
}

static void fill(const char *text, size_t len)
{
	json_t *wf = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (wf == NULL)
		return;
	int rc = remote_comfyui_fill(wf, "a red cube on grass", "blurry", "sd_xl_base_1.0.safetensors",
				     1024, 768, 4242u);
	if (rc == 0 && (!json_is_object(wf) || has_placeholder(wf)))
		abort();
	if (rc == 0) {
		char *out = json_dumps(wf, JSON_COMPACT);
		if (out == NULL)
			abort();
		free(out);
	}
	json_decref(wf);
}

static void b64(const char *text, size_t len)
{
	uint8_t *out = NULL;
	size_t n = 0;
	if (remote_b64_decode(text, len, &out, &n) != 0) {
		if (out != NULL)
			abort();
		return;
	}
	const char *b = text;
	size_t blen = len;
	if (len > 5 && memcmp(text, "data:", 5) == 0) {
		const char *comma = memchr(text, ',', len);
		if (comma == NULL)
			abort();
		blen = len - (size_t)(comma + 1 - text);
		b = comma + 1;
	}
	if (blen == 0 || blen % 4 != 0 || n > blen / 4 * 3 || n + 2 < blen / 4 * 3)
		abort();
	char *back = malloc(blen + 1);
	if (back == NULL)
		abort();
	int w = EVP_EncodeBlock((unsigned char *)back, out, (int)n);
	/* The last group may differ in its unused low bits ("QR==" decodes as "QQ=="),
	 * not in its padding. */
	size_t pad = b[blen - 1] == '=' ? (b[blen - 2] == '=' ? 2 : 1) : 0;
	if (w != (int)blen || memcmp(back, b, blen - 4) != 0 || n != blen / 4 * 3 - pad ||
	    memcmp(back + blen - pad, b + blen - pad, pad) != 0)
		abort();
	free(back);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 128 * 1024)
		return 0;
	/* An exact copy of the bytes after byte 0, with nothing after it. */
	size_t len = size - 1;
	char *text = malloc(len ? len : 1);
	if (text == NULL)
		return 0;
	memcpy(text, data + 1, len);
	if (data[0] & 1)
		b64(text, len);
	else
		fill(text, len);
	free(text);
	return 0;
}
