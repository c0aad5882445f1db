/*
 * fcgx_mem: a FastCGI request held in memory, for the fuzz harnesses.
 *
 * libfcgi's FCGX_Stream is a public struct of buffer pointers plus two
 * callbacks; a reader over a fixed buffer and a writer that discards what it
 * is given are all a struct request needs to run the real input helpers
 * (req_query, req_cookie, req_body, req_json) and answer errors through the
 * real resp_error. Nothing of libfcgi is replaced: its own FCGX_GetStr,
 * FCGX_PutStr and FCGX_GetParam run over these streams.
 */
#ifndef IMAGES_FUZZ_FCGX_MEM_H
#define IMAGES_FUZZ_FCGX_MEM_H

#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "http.h"

#define FCGX_MEM_MAX_ENV 16

struct fcgx_mem {
	FCGX_Request r;
	FCGX_Stream in, out, err;
	unsigned char outbuf[4096];
	char *envp[FCGX_MEM_MAX_ENV + 1];
	char envbuf[FCGX_MEM_MAX_ENV][512];
	size_t nenv;
};

static void fcgx_mem_fill(FCGX_Stream *s)
{
	s->isClosed = 1; /* the whole body was there from the start */
}

static void fcgx_mem_empty(FCGX_Stream *s, int doClose)
{
	struct fcgx_mem *m = s->data;
	s->wrNext = m->outbuf;
	s->stop = m->outbuf + sizeof(m->outbuf);
	if (doClose)
		s->isClosed = 1;
}

/* Adds NAME=value (value truncated to the slot); ignored when the table is full. */
static void fcgx_mem_env(struct fcgx_mem *m, const char *name, const char *value, size_t vlen)
{
	if (m->nenv >= FCGX_MEM_MAX_ENV)
		return;
	char *slot = m->envbuf[m->nenv];
	int n = snprintf(slot, sizeof(m->envbuf[0]), "%s=", name);
	size_t room = sizeof(m->envbuf[0]) - (size_t)n - 1;
	if (vlen > room)
		vlen = room;
	memcpy(slot + n, value, vlen);
	slot[(size_t)n + vlen] = '\0';
	m->envp[m->nenv++] = slot;
	m->envp[m->nenv] = NULL;
}

/* A request over body[0..blen); add parameters with fcgx_mem_env before use. */
static void fcgx_mem_init(struct fcgx_mem *m, struct request *req, const struct app *app,
			  struct arena *arena, const void *body, size_t blen)
{
	memset(m, 0, sizeof(*m));
	m->envp[0] = NULL;
	m->in.rdNext = m->in.stopUnget = (unsigned char *)body;
	m->in.stop = (unsigned char *)body + blen;
	m->in.wrNext = m->in.stop;
	m->in.isReader = 1;
	m->in.fillBuffProc = fcgx_mem_fill;
	m->out.wrNext = m->outbuf;
	m->out.stop = m->outbuf + sizeof(m->outbuf);
	m->out.rdNext = m->out.stop;
	m->out.emptyBuffProc = fcgx_mem_empty;
	m->out.data = m;
	m->err = m->out;
	m->r.in = &m->in;
	m->r.out = &m->out;
	m->r.err = &m->err;
	m->r.envp = m->envp;
	memset(req, 0, sizeof(*req));
	req->fcgx = &m->r;
	req->arena = arena;
	req->app = app;
	req->method = "POST";
	req->path = "/";
	req->query = "";
	req->remote_addr = "127.0.0.1";
}

#endif
