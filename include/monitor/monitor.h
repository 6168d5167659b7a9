/*
 * The monitors: the human monitor (HMP, `-monitor stdio`, Ctrl-A c on
 * -nographic) and QMP, the JSON control protocol (`-qmp unix:PATH,server,
 * nowait`).  Both sit on a character device (chardev/char.h) and run on
 * the main loop with the BQL held.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <glib.h>
#include <stdbool.h>

typedef struct Chardev Chardev;

/* Attach a monitor to a chardev (a mux is fine: it becomes one frontend). */
bool monitor_init_hmp(Chardev *chr, GError **errp);
bool monitor_init_qmp(Chardev *chr, bool pretty, GError **errp);

/*
 * The command-line options:
 *   -monitor SPEC            HMP on a chardev given in -serial syntax
 *   -qmp SPEC                QMP on a chardev given in -serial syntax
 *   -qmp-pretty SPEC         the same, pretty-printed
 *   -mon chardev=ID[,mode=readline|control][,pretty=on]
 * option is "monitor", "qmp", "qmp-pretty" or "mon".  "none" disables.
 */
bool monitor_init_from_opts(const char *option, const char *value, GError **errp);

/* Run one HMP command line, appending its output (also used by QMP's
 * human-monitor-command). */
void hmp_execute(const char *cmdline, GString *out);

#endif /* MONITOR_MONITOR_H */
