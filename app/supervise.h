/*
 * supervise: images-fcgi -w N keeps N worker processes alive on the listening
 * socket it was given (fd 0, from spawn-fcgi), for web servers that do not
 * spawn FastCGI backends themselves (nginx; lighttpd's bin-path respawns its own).
 *
 * The supervisor opens nothing else (no LMDB, no threads): it forks and execs
 * itself without -w for each worker, and starts a worker again when one exits
 * or is killed — after 0.2 s, or, when workers keep dying within 5 s of their
 * start, after a pause that doubles up to 5 s. Workers get SIGTERM if the
 * supervisor dies (PR_SET_PDEATHSIG). SIGTERM or SIGINT to the supervisor is
 * passed to every worker; it exits once they all have. SIGHUP is passed on too
 * (the workers reopen their log).
 */
#ifndef IMAGES_SUPERVISE_H
#define IMAGES_SUPERVISE_H

/* Runs the supervisor for n workers, each exec'd as argv (argv[0] is ignored). Returns the exit status. */
int supervise(unsigned n, char **argv);

#endif
