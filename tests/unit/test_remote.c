/* remote engines' parsers: SSE framing, base64 images, ComfyUI placeholders, URLs. */
#include <stdlib.h>
#include <string.h>

#include "remote_engines.h"
#include "remote_http.h"
#include "tap.h"

struct seen {
	int n;
	char events[8][64];
	char data[8][256];
};

static int on_event(void *ctx, const char *event, const char *data, size_t len)
{
	struct seen *s = ctx;
	if (s->n < 8) {
		snprintf(s->events[s->n], sizeof(s->events[0]), "%s", event);
		snprintf(s->data[s->n], sizeof(s->data[0]), "%.*s", (int)len, data);
	}
	s->n++;
	return 0;
}

int main(void)
{
	struct rhttp_sse sse;
	struct seen s = {0};
	static const char stream[] = ": comment\r\n"
				     "event: image_generation.partial_image\r\n"
				     "data: {\"a\":1,\r\n"
				     "data: \"b\":2}\r\n\r\n"
				     "data:no-space\n\n"
				     "event: image_generation.completed\n"
				     "data: {\"done\":true}\n\n";
	rhttp_sse_init(&sse, 0);
	/* Fed one byte at a time: events must not depend on chunk boundaries. */
	int rc = 0;
	for (size_t i = 0; i + 1 < sizeof(stream) && rc == 0; i++)
		rc = rhttp_sse_feed(&sse, stream + i, 1, on_event, &s);
	ok(rc == 0 && s.n == 3, "three events from a byte-by-byte feed (%d)", s.n);
	ok(strcmp(s.events[0], "image_generation.partial_image") == 0 &&
	       strcmp(s.data[0], "{\"a\":1,\n\"b\":2}") == 0,
	   "multi-line data joined with \\n, CRLF handled: %s", s.data[0]);
	ok(strcmp(s.events[1], "message") == 0 && strcmp(s.data[1], "no-space") == 0,
	   "default event name, no space after colon");
	ok(strcmp(s.events[2], "image_generation.completed") == 0,
	   "event name reset after each event");
	rhttp_sse_free(&sse);

	rhttp_sse_init(&sse, 64);
	char big[200];
	memset(big, 'x', sizeof(big));
	memcpy(big, "data: ", 6);
	ok(rhttp_sse_feed(&sse, big, sizeof(big), on_event, &s) == -1,
	   "an event over the maximum is refused");
	rhttp_sse_free(&sse);

	uint8_t *out;
	size_t n;
	ok(remote_b64_decode("aGVsbG8=", 8, &out, &n) == 0 && n == 5 &&
	       memcmp(out, "hello", 5) == 0,
	   "base64 with padding");
	free(out);
	ok(remote_b64_decode("data:image/png;base64,aGk=", 26, &out, &n) == 0 && n == 2 &&
	       memcmp(out, "hi", 2) == 0,
	   "a data: URL's payload");
	free(out);
	ok(remote_b64_decode("aGVsbG8", 7, &out, &n) == -1, "length not a multiple of 4 refused");
	ok(remote_b64_decode("aG=sbG8=", 8, &out, &n) == -1, "padding in the middle refused");
	ok(remote_b64_decode("aGV\nbG8=", 8, &out, &n) == -1, "stray characters refused");
	ok(remote_b64_decode("data:text/plain,aGk=", 20, &out, &n) == -1,
	   "a data: URL that is not base64 refused");

	json_t *wf =
	    json_loads("{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":\"{{seed}}\","
		       "\"model\":[\"4\",0]}},"
		       "\"5\":{\"inputs\":{\"width\":\"{{width}}\",\"height\":\"{{height}}\"}},"
		       "\"6\":{\"inputs\":{\"text\":\"best, "
		       "{{prompt}}\"}},\"7\":{\"inputs\":{\"text\":\"{{negative_prompt}}\"}},"
		       "\"4\":{\"inputs\":{\"ckpt_name\":\"{{model}}\"}}}",
		       0, NULL);
	ok(remote_comfyui_fill(wf, "a \"red\" cube", "blurry", "sd15.safetensors", 512, 768, 42) ==
	       0,
	   "workflow filled");
	ok(json_integer_value(json_object_get(json_object_get(json_object_get(wf, "3"), "inputs"),
					      "seed")) == 42 &&
	       json_integer_value(json_object_get(
		   json_object_get(json_object_get(wf, "5"), "inputs"), "height")) == 768,
	   "seed and height became numbers");
	ok(strcmp(json_string_value(
		      json_object_get(json_object_get(json_object_get(wf, "6"), "inputs"), "text")),
		  "best, a \"red\" cube") == 0,
	   "prompt substituted inside its string, quotes intact");
	ok(strcmp(json_string_value(json_object_get(
		      json_object_get(json_object_get(wf, "4"), "inputs"), "ckpt_name")),
		  "sd15.safetensors") == 0,
	   "model substituted");
	ok(strcmp(json_string_value(json_array_get(
		      json_object_get(json_object_get(json_object_get(wf, "3"), "inputs"), "model"),
		      0)),
		  "4") == 0,
	   "node links untouched");
	json_decref(wf);
	wf = json_loads("{\"1\":{\"inputs\":{\"text\":\"no placeholder\"}}}", 0, NULL);
	ok(remote_comfyui_fill(wf, "p", "n", "m", 64, 64, 1) == -1,
	   "a workflow without {{prompt}} is refused");
	json_decref(wf);

	char host[256];
	rhttp_host_of("https://user:secret@api.example.com:8443/v1/images?x=1", host, sizeof(host));
	ok(strcmp(host, "api.example.com:8443") == 0, "host of a URL drops user info and path: %s",
	   host);
	rhttp_host_of("http://127.0.0.1:7860", host, sizeof(host));
	ok(strcmp(host, "127.0.0.1:7860") == 0, "host:port kept");
	return tap_done();
}
