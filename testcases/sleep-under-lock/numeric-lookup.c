// Numeric-only name resolution never touches the network: getnameinfo() with
// NI_NUMERICHOST|NI_NUMERICSERV only formats the address (libvirt's
// virSocketAddrFormatFull). With a name lookup allowed it may block.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include <netdb.h>
#include <sys/socket.h>
#include "lwtest.h"

void numeric(struct drv *d, const struct sockaddr *sa, socklen_t len, char *host, char *port)
{
	virMutexLock(&d->lock);
	getnameinfo(sa, len, host, 64, port, 16, NI_NUMERICHOST | NI_NUMERICSERV);
	virMutexUnlock(&d->lock);
}

void lookup(struct drv *d, const struct sockaddr *sa, socklen_t len, char *host)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	getnameinfo(sa, len, host, 64, NULL, 0, 0); // expected-warning {{blocking call 'getnameinfo' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'getnameinfo' blocks here (net)}}
	virMutexUnlock(&d->lock);
}
