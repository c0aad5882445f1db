#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_images.h"
#include "config.h"
#include "tap.h"

static int load_text(struct config *c, const char *text, char *err, size_t errlen)
{
	char dir[256], path[300];
	tap_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/images.conf", dir);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	int rc = config_load(c, path, err, errlen);
	unlink(path);
	rmdir(dir);
	return rc;
}

int main(void)
{
	struct config c;
	char err[512];
	config_defaults(&c);
	ok(c.threads == 4 && c.max_json_bytes == 1u << 20 && c.allow_signup, "defaults");

	ok(load_text(&c, "# comment\n\nthreads = 4\nallow_signup = no # trailing\n"
			 "data_dir = /srv/images\n", err, sizeof(err)) == 0, "valid file loads");
	ok(c.threads == 4 && !c.allow_signup && strcmp(c.data_dir, "/srv/images") == 0,
	   "values are applied");

	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "thread = 4\n", "unknown key 'thread'" },
		{ "threads = 0\n", "threads: expected" },
		{ "threads = 999\n", "threads" },
		{ "threads = four\n", "threads" },
		{ "threads = -1\n", "threads" },
		{ "allow_signup = maybe\n", "allow_signup" },
		{ "just words\n", "expected 'key = value'" },
		{ "data_dir = \n", "data_dir: empty" },
		{ "text_model = llama 3\n", "text_model: expected printable ASCII" },
		{ "text_model_url = http://h/\x01\n", "text_model_url: expected printable ASCII" },
		{ "enhancer_model = \xc3\xa9\n", "enhancer_model: expected printable ASCII" },
		{ "text_model_context_tokens = 10\n", "text_model_context_tokens" },
		{ "text_model_tools = sometimes\n", "text_model_tools" },
		{ "enhancer = LLM\n", "enhancer: expected a lowercase word" },
		{ "enhancer_timeout_s = 0\n", "enhancer_timeout_s" },
		{ "engine_retries = 11\n", "engine_retries" },
		{ "openai_partial_images = 4\n", "openai_partial_images" },
		{ "openai_size = Fit\n", "openai_size: expected a lowercase word" },
		{ "openai_model = \x01x\n", "openai_model: control characters" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		config_defaults(&c);
		err[0] = '\0';
		int rc = load_text(&c, bad[i].text, err, sizeof(err));
		ok(rc == -1 && strstr(err, bad[i].want) != NULL && strstr(err, ":1:") != NULL,
		   "rejects '%.*s' (%s)", (int)strcspn(bad[i].text, "\n"), bad[i].text, err);
	}
	ok(config_load(&c, "/nonexistent/images.conf", err, sizeof(err)) == -1, "missing file is an error");
	config_defaults(&c);
	ok(c.text_model_url[0] == '\0' && c.text_model[0] == '\0' && strcmp(c.enhancer, "builtin") == 0 &&
		   c.text_model_tools && c.text_model_context_tokens == 8192 && c.enhancer_timeout_s == 20,
	   "text model defaults: none, builtin enhancer, tools on");
	ok(load_text(&c, "text_model_url = http://127.0.0.1:11434\ntext_model = llama3.1:8b\nenhancer = llm\n"
			 "text_model_key_file = /etc/images/key\nenhancer_timeout_s = 5\n", err, sizeof(err)) == 0 &&
		   strcmp(c.text_model_url, "http://127.0.0.1:11434") == 0 && strcmp(c.text_model, "llama3.1:8b") == 0 &&
		   strcmp(c.enhancer, "llm") == 0 && c.enhancer_timeout_s == 5,
	   "text model keys load (%s)", err);
	ok(load_text(&c, "text_model_url =\ntext_model =   # off\n", err, sizeof(err)) == 0 && c.text_model_url[0] == '\0' &&
		   c.text_model[0] == '\0',
	   "an empty value switches the text model off");
	char shipped[600];
	const char *srcdir = getenv("srcdir");
	snprintf(shipped, sizeof(shipped), "%s/conf/images.conf", srcdir ? srcdir : ".");
	config_defaults(&c);
	ok(config_load(&c, shipped, err, sizeof(err)) == 0 && strcmp(c.enhancer, "builtin") == 0 && c.text_model_url[0] == '\0',
	   "the shipped conf/images.conf loads (%s)", err);
	ok(config_set(&c, "max_json_bytes", "2048", err, sizeof(err)) == 0 && c.max_json_bytes == 2048,
	   "config_set sets one key");
	/* Remote engines: text values may hold spaces and be empty; lengths are bounded. */
	config_defaults(&c);
	ok(strcmp(c.openai_base_url, "https://api.openai.com") == 0 && c.engine_retries == 2 && c.openai_stream &&
	   c.openai_key_file[0] == '\0', "remote engine defaults");
	ok(load_text(&c, "engine = comfyui\nnegative_prompt = blurry, text = no\nopenai_key_file =\na1111_sampler = DPM++ 2M Karras\n",
		     err, sizeof(err)) == 0 && strcmp(c.engine, "comfyui") == 0 &&
	   strcmp(c.negative_prompt, "blurry, text = no") == 0 && c.openai_key_file[0] == '\0' &&
	   strcmp(c.a1111_sampler, "DPM++ 2M Karras") == 0, "text keys: spaces, '=', empty values (%s)", err);
	char longv[700];
	memset(longv, 'u', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	ok(config_set(&c, "openai_base_url", longv, err, sizeof(err)) == -1 && strstr(err, "longer than 511"),
	   "a URL over its field is refused (%s)", err);
	/* One style catalogue: the shipped conf/styles.json lists the engine's presets, in order. */
	err[0] = '\0';
	char styles_path[600];
	snprintf(styles_path, sizeof(styles_path), "%s/conf/styles.json", srcdir ? srcdir : ".");
	json_t *shipped_styles = styles_load(styles_path, err, sizeof(err));
	json_t *engine_list = styles_load("/nonexistent/styles.json", err, sizeof(err));
	bool same = shipped_styles != NULL && engine_list != NULL &&
		    json_array_size(shipped_styles) == json_array_size(engine_list) && json_array_size(engine_list) > 0;
	for (size_t i = 0; same && i < json_array_size(engine_list); i++) {
		static const char *const keys[] = { "id", "title", "prompt" };
		for (size_t k = 0; k < 3; k++)
			same = same && json_equal(json_object_get(json_array_get(shipped_styles, i), keys[k]),
						  json_object_get(json_array_get(engine_list, i), keys[k]));
	}
	ok(same, "conf/styles.json lists the engine's presets (ids, titles, prompts, order) (%s)", err);
	json_decref(shipped_styles);
	json_decref(engine_list);
	return tap_done();
}
