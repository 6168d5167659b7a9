/*
 * What chardev backends share (private to chardev/): the Chardev struct
 * each backend embeds first, the backend operations, the parsed options,
 * and the helpers a backend uses to hand input and events to its frontend.
 */
#ifndef CHARDEV_INTERNAL_H
#define CHARDEV_INTERNAL_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "chardev/char.h"

#define CHARDEV_ERROR (chardev_error_quark())
GQuark chardev_error_quark(void);

typedef struct ChardevClass {
    const char *kind;                  /* "stdio", "file", "socket" ... */
    /* Non-blocking: bytes taken, 0 when the backend is full, -1 on error.
     * A backend without a peer takes (drops) everything. */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* fd to poll for G_IO_OUT when write returned less than asked (-1: none). */
    int (*out_fd)(Chardev *chr);
    /* The frontend can take input again (optional: input watches already
     * re-check can_read on every loop iteration). */
    void (*accept_input)(Chardev *chr);
    /* A frontend attached or detached (the mux tracks several). */
    bool (*fe_attach)(Chardev *chr, CharBackend *be, GError **errp);
    void (*fe_detach)(Chardev *chr, CharBackend *be);
    void (*fe_handlers_set)(Chardev *chr, CharBackend *be);
    void (*destroy)(Chardev *chr);     /* close fds, remove sources */
    char *(*describe)(Chardev *chr);
} ChardevClass;

struct Chardev {
    const ChardevClass *cls;
    char *label;
    CharBackend *be;                   /* the frontend (a mux keeps its own list) */
    bool be_open;                      /* a peer is connected / ready */
};

/* Options of -chardev / -serial after parsing. */
typedef struct ChardevOpts {
    const char *backend;
    const char *id;
    const char *path;
    const char *host;
    const char *port;
    bool server;
    bool wait;
    bool has_wait;
    bool signal;                       /* stdio: Ctrl-C kills tern */
    bool append;                       /* file */
    bool mux;
} ChardevOpts;

/* Allocates size bytes (>= sizeof(Chardev)); does not register. */
Chardev *chr_alloc(const ChardevClass *cls, size_t size, const char *label);
/* Makes it findable by label (qemu_chr_find, chardev= properties); tests
 * use it for fake backends. */
void chr_register(Chardev *chr);

/* Backend side: hand input and events to the frontend. */
int qemu_chr_be_can_write(Chardev *chr);
void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len);
void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event);

/*
 * An input watch: fn(chr) runs on the main loop when fd is readable (or
 * hung up) and the frontend can take input; while it cannot, the fd is
 * not polled at all (no busy loop, no lost data).
 */
typedef void ChrReadyFn(Chardev *chr);
GSource *chr_watch_add(Chardev *chr, int fd, ChrReadyFn *fn);
void chr_watch_remove(GSource **src);

/* Constructors, one per backend file. */
Chardev *chr_null_open(const char *label, const ChardevOpts *o, GError **errp);
Chardev *chr_file_open(const char *label, const ChardevOpts *o, GError **errp);
Chardev *chr_stdio_open(const char *label, const ChardevOpts *o, GError **errp);
Chardev *chr_pty_open(const char *label, const ChardevOpts *o, GError **errp);
Chardev *chr_socket_open(const char *label, const ChardevOpts *o, GError **errp);
/* A mux over drv, which it then owns. */
Chardev *chr_mux_open(const char *label, Chardev *drv, GError **errp);
bool chr_is_mux(Chardev *chr);

#endif /* CHARDEV_INTERNAL_H */
