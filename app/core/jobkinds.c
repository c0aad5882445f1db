/*
 * jobkinds: the table of job kinds (jobkinds.h).
 */
#include "jobkinds.h"

#include <string.h>

#include "chat.h"
#include "image_job.h"

static const struct job_kind kinds[] = {
	{ "image", image_job_run_turn, image_job_end_turn },
	{ "chat", chat_run_job, chat_job_end },
};

const struct job_kind *job_kind_of(const json_t *job)
{
	const char *kind = json_string_value(json_object_get(job, "kind"));
	for (size_t i = 0; kind != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, kind) == 0)
			return &kinds[i];
	return &kinds[0];
}

int job_kinds_check_config(const struct config *cfg)
{
	return chat_check_config(cfg);
}
