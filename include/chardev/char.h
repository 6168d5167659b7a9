/*
 * Character devices: backends (stdio, file, pty, unix/tcp sockets, the
 * mux that shares one backend between a serial port and the monitor) and
 * the frontend side that devices and the monitor use.
 *
 * Spellings follow QEMU:
 *   -serial stdio | file:PATH | pty | unix:PATH,server[,nowait] |
 *           tcp:HOST:PORT,server[,nowait] | null | none | mon:stdio | chardev:ID
 *   -chardev stdio,id=ID[,mux=on] | file,id=ID,path=PATH | pty,id=ID |
 *            socket,id=ID,path=PATH,server=on[,wait=off] |
 *            socket,id=ID,host=H,port=P,server=on[,wait=off] | null,id=ID
 *
 * Everything runs on the main loop with the BQL held; frontends' handlers
 * are called there.  A backend whose peer is not connected (socket) or
 * whose output blocks drops output rather than blocking a vCPU.
 *
 * stdio puts the terminal in raw mode and restores it on every exit path
 * (normal exit, error exit, fatal signals: chardev_stdio_restore_tty is
 * registered with atexit and called from the signal path).
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Chardev Chardev;

typedef enum QEMUChrEvent {
    CHR_EVENT_OPENED,     /* peer connected / backend ready */
    CHR_EVENT_CLOSED,     /* peer went away */
    CHR_EVENT_BREAK,      /* serial break (mux: Ctrl-A b) */
    CHR_EVENT_MUX_IN,     /* mux focus moved to this frontend */
    CHR_EVENT_MUX_OUT,    /* mux focus moved away */
} QEMUChrEvent;

typedef int IOCanReadHandler(void *opaque);            /* bytes it can take now */
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);

/* The frontend's handle, embedded in the device. */
typedef struct CharBackend {
    Chardev *chr;
    int tag;              /* index of this frontend on a mux */
    IOCanReadHandler *can_read;
    IOReadHandler *read;
    IOEventHandler *event;
    void *opaque;
} CharBackend;

/* Backends. */
Chardev *qemu_chr_new(const char *label, const char *spec, GError **errp);  /* -serial syntax */
Chardev *qemu_chr_new_from_opts(const char *opts, GError **errp);          /* -chardev syntax */
Chardev *qemu_chr_find(const char *id);
void qemu_chr_delete(Chardev *chr);
const char *qemu_chr_label(Chardev *chr);
/* For `info chardev` and QMP: "pty:/dev/pts/5", "unix:/tmp/x,server" ... */
char *qemu_chr_describe(Chardev *chr);

/* Frontends. */
bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, GError **errp);
void qemu_chr_fe_deinit(CharBackend *be);
void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event,
                              void *opaque);
static inline bool qemu_chr_fe_backend_connected(const CharBackend *be)
{
    return be->chr != NULL;
}
/* Non-blocking; returns bytes taken (may be fewer than len, or -1). */
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
/* Writes everything, waiting for a slow backend (never for an absent peer). */
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
/* The frontend can take input again (its can_read went from 0 to > 0). */
void qemu_chr_fe_accept_input(CharBackend *be);

/*
 * Call fn(opaque) once, on the main loop, when the backend may take more
 * output (after qemu_chr_fe_write took fewer bytes than asked).  Returns
 * the glib source id (g_source_remove cancels it).
 */
guint qemu_chr_fe_add_out_watch(CharBackend *be, void (*fn)(void *opaque),
                                void *opaque);

/*
 * Mux: the first frontend attached has the input focus (the serial port:
 * machines are built before monitors attach); Ctrl-A c cycles, and this
 * gives it to be.  On the first main loop iteration (every frontend is
 * attached by then) the unfocused frontends get CHR_EVENT_MUX_OUT and all
 * get CHR_EVENT_OPENED; later focus moves send MUX_OUT to the old and
 * MUX_IN to the new frontend.
 */
void qemu_chr_fe_take_focus(CharBackend *be);

/* Every chardev, in creation order (info chardev). */
void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);

/* Restore the terminal state stdio changed (safe to call more than once,
 * async-signal-safe). */
void chardev_stdio_restore_tty(void);

#endif /* CHARDEV_CHAR_H */
