/*
 * The interactive human monitor on a character device, and the
 * command-line options that create monitors (-monitor, -qmp, -mon).
 *
 * The monitor reads a line with minimal editing (echo, backspace, Ctrl-U,
 * escape sequences such as arrow keys swallowed), runs it with
 * hmp_execute() and prints the output and the next prompt.  Output uses
 * "\r\n" because stdio is in raw mode.
 */
#include <glib.h>
#include <string.h>

#include "chardev/char.h"
#include "monitor/monitor.h"
#include "monitor/monitor-internal.h"

#define HMP_PROMPT "(tern) "
#define HMP_LINE_MAX 4096
#define MONITOR_ERROR g_quark_from_static_string("tern-monitor-error")

typedef struct HMPMonitor {
    CharBackend be;
    GString *line;
    int esc_state;          /* 0 none, 1 after ESC, 2 inside CSI */
    bool focused;           /* false while a mux shows another frontend */
    bool banner_done;
    bool last_was_cr;
} HMPMonitor;

/* Write text, turning "\n" into "\r\n" (raw terminals need both). */
static void hmp_puts(HMPMonitor *mon, const char *s)
{
    GString *o = g_string_sized_new(strlen(s) + 16);
    for (; *s; s++) {
        if (*s == '\n') {
            g_string_append_c(o, '\r');
        }
        g_string_append_c(o, *s);
    }
    qemu_chr_fe_write_all(&mon->be, (const uint8_t *)o->str, (int)o->len);
    g_string_free(o, TRUE);
}

static void hmp_prompt(HMPMonitor *mon)
{
    if (!mon->banner_done) {
        hmp_puts(mon, TERN_MONITOR_VERSION_STRING " monitor - type 'help' for more information\n");
        mon->banner_done = true;
    }
    hmp_puts(mon, HMP_PROMPT);
}

static int hmp_can_read(void *opaque)
{
    return HMP_LINE_MAX;
}

static void hmp_run_line(HMPMonitor *mon)
{
    GString *out = g_string_new(NULL);
    hmp_execute(mon->line->str, out);
    g_string_truncate(mon->line, 0);
    hmp_puts(mon, out->str);
    g_string_free(out, TRUE);
    hmp_prompt(mon);
}

static void hmp_read(void *opaque, const uint8_t *buf, int size)
{
    HMPMonitor *mon = opaque;

    for (int i = 0; i < size; i++) {
        uint8_t c = buf[i];

        /* Swallow escape sequences (arrow keys, function keys). */
        if (mon->esc_state == 1) {
            mon->esc_state = (c == '[' || c == 'O') ? 2 : 0;
            continue;
        }
        if (mon->esc_state == 2) {
            if (c >= 0x40 && c <= 0x7e) {
                mon->esc_state = 0;
            }
            continue;
        }
        bool was_cr = mon->last_was_cr;
        mon->last_was_cr = false;
        switch (c) {
        case 0x1b:
            mon->esc_state = 1;
            break;
        case '\r':
            mon->last_was_cr = true;
            hmp_puts(mon, "\n");
            hmp_run_line(mon);
            break;
        case '\n':
            if (was_cr) {
                break;          /* the \n of a \r\n pair */
            }
            hmp_puts(mon, "\n");
            hmp_run_line(mon);
            break;
        case 0x7f:
        case 0x08:
            if (mon->line->len) {
                g_string_truncate(mon->line, mon->line->len - 1);
                hmp_puts(mon, "\b \b");
            }
            break;
        case 0x15:              /* Ctrl-U: kill the line */
            while (mon->line->len) {
                g_string_truncate(mon->line, mon->line->len - 1);
                hmp_puts(mon, "\b \b");
            }
            break;
        default:
            if (c >= 0x20 && c < 0x7f && mon->line->len < HMP_LINE_MAX) {
                char s[2] = { (char)c, 0 };
                g_string_append_c(mon->line, (char)c);
                hmp_puts(mon, s);
            }
            break;
        }
    }
}

static void hmp_event(void *opaque, QEMUChrEvent event)
{
    HMPMonitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        /* A mux announces itself once; a socket once per client.  The
         * banner shows when the monitor is in front (on a mux, the serial
         * port usually is: then it shows at the first Ctrl-A c). */
        g_string_truncate(mon->line, 0);
        if (mon->focused && !mon->banner_done) {
            hmp_prompt(mon);
        }
        break;
    case CHR_EVENT_CLOSED:
        mon->banner_done = false;    /* the next client gets a banner */
        break;
    case CHR_EVENT_MUX_IN:
        mon->focused = true;
        hmp_prompt(mon);
        break;
    case CHR_EVENT_MUX_OUT:
        mon->focused = false;
        break;
    default:
        break;
    }
}

bool monitor_init_hmp(Chardev *chr, GError **errp)
{
    HMPMonitor *mon = g_new0(HMPMonitor, 1);

    mon->line = g_string_new(NULL);
    mon->focused = true;
    if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
        g_string_free(mon->line, TRUE);
        g_free(mon);
        return false;
    }
    qemu_chr_fe_set_handlers(&mon->be, hmp_can_read, hmp_read, hmp_event, mon);
    return true;
}

/* ---- command-line options ---- */

static int monitor_count;

static bool parse_mon_opts(const char *value, GError **errp)
{
    char **kv = g_strsplit(value, ",", -1);
    const char *chardev = NULL, *mode = "readline";
    bool pretty = false, ok = true;

    for (char **p = kv; *p && ok; p++) {
        char *eq = strchr(*p, '=');
        if (!eq) {
            g_set_error(errp, MONITOR_ERROR, 0,
                        "-mon: '%s' is not key=value", *p);
            ok = false;
            break;
        }
        *eq = '\0';
        const char *v = eq + 1;
        if (strcmp(*p, "chardev") == 0) {
            chardev = v;
        } else if (strcmp(*p, "mode") == 0) {
            if (strcmp(v, "readline") && strcmp(v, "control")) {
                g_set_error(errp, MONITOR_ERROR, 0,
                            "-mon: mode must be readline or control, not '%s'", v);
                ok = false;
            }
            mode = v;
        } else if (strcmp(*p, "pretty") == 0) {
            pretty = strcmp(v, "on") == 0;
        } else {
            g_set_error(errp, MONITOR_ERROR, 0,
                        "-mon: unknown option '%s' (chardev, mode, pretty)", *p);
            ok = false;
        }
    }
    if (ok && !chardev) {
        g_set_error(errp, MONITOR_ERROR, 0,
                    "-mon: chardev=ID is required");
        ok = false;
    }
    Chardev *chr = NULL;
    if (ok) {
        chr = qemu_chr_find(chardev);
        if (!chr) {
            g_set_error(errp, MONITOR_ERROR, 0,
                        "-mon: no chardev with id '%s' (define it with -chardev ...,id=%s)",
                        chardev, chardev);
            ok = false;
        }
    }
    if (ok) {
        ok = strcmp(mode, "control") == 0 ? monitor_init_qmp(chr, pretty, errp)
                                          : monitor_init_hmp(chr, errp);
    }
    g_strfreev(kv);
    return ok;
}

bool monitor_init_from_opts(const char *option, const char *value, GError **errp)
{
    if (strcmp(option, "mon") == 0) {
        return parse_mon_opts(value, errp);
    }
    if (strcmp(value, "none") == 0) {
        return true;
    }
    bool qmp = strcmp(option, "qmp") == 0 || strcmp(option, "qmp-pretty") == 0;
    if (!qmp && strcmp(option, "monitor") != 0) {
        g_set_error(errp, MONITOR_ERROR, 0,
                    "unknown monitor option -%s", option);
        return false;
    }
    char *label = g_strdup_printf("compat_monitor%d", monitor_count++);
    GError *err = NULL;
    Chardev *chr = qemu_chr_new(label, value, &err);
    g_free(label);
    if (!chr) {
        g_set_error(errp, MONITOR_ERROR, 0,
                    "-%s %s: %s", option, value, err ? err->message : "cannot open");
        g_clear_error(&err);
        return false;
    }
    if (qmp) {
        return monitor_init_qmp(chr, strcmp(option, "qmp-pretty") == 0, errp);
    }
    return monitor_init_hmp(chr, errp);
}
