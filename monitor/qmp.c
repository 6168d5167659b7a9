/*
 * QMP, the monitor's JSON protocol, as QEMU speaks it:
 *
 *   <- {"QMP": {"version": {...}, "capabilities": ["oob"]}}     greeting on connect
 *   -> {"execute": "qmp_capabilities"}                          required first
 *   <- {"return": {}}
 *   -> {"execute": "query-status", "id": 7}
 *   <- {"return": {"status": "running", "singlestep": false, "running": true}, "id": 7}
 *   <- {"timestamp": {"seconds": S, "microseconds": U}, "event": "STOP"}
 *
 * Input is a stream of JSON objects (not necessarily one per line); we
 * find each object's end by counting braces outside strings, then parse
 * it with json-glib.  Errors are {"error": {"class": ..., "desc": ...}}
 * with QEMU's classes (GenericError, CommandNotFound).
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "chardev/char.h"
#include "monitor/monitor.h"
#include "monitor/monitor-internal.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

#define QMP_INPUT_MAX (1 << 20)   /* one request; more is an error */

typedef struct QMPMonitor {
    CharBackend be;
    bool pretty;
    bool negotiated;
    GString *buf;           /* the object being received */
    GString *open;          /* stack of unclosed '{' / '[' */
    bool in_string, escape;
    int junk;               /* 1: non-JSON at top level, error at end of line;
                               2: skip to the end of the line silently */
} QMPMonitor;

static GPtrArray *qmp_monitors;
static bool notifier_added;

/* ---- output ---- */

static void qmp_send(QMPMonitor *mon, JsonNode *node)
{
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, mon->pretty);
    json_generator_set_root(gen, node);
    gsize len;
    gchar *text = json_generator_to_data(gen, &len);
    GString *line = g_string_new(text);
    g_string_append(line, "\r\n");
    qemu_chr_fe_write_all(&mon->be, (const uint8_t *)line->str, (int)line->len);
    g_string_free(line, TRUE);
    g_free(text);
    g_object_unref(gen);
}

/* {"return": ret, "id": id}; takes ownership of ret. */
static void qmp_return(QMPMonitor *mon, JsonNode *ret, JsonNode *id)
{
    JsonObject *o = json_object_new();
    json_object_set_member(o, "return", ret);
    if (id) {
        json_object_set_member(o, "id", json_node_copy(id));
    }
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    qmp_send(mon, n);
    json_node_unref(n);
    json_object_unref(o);
}

static void qmp_error(QMPMonitor *mon, const char *cls, const char *desc, JsonNode *id)
{
    JsonObject *e = json_object_new();
    json_object_set_string_member(e, "class", cls);
    json_object_set_string_member(e, "desc", desc);
    JsonObject *o = json_object_new();
    json_object_set_object_member(o, "error", e);
    if (id) {
        json_object_set_member(o, "id", json_node_copy(id));
    }
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    qmp_send(mon, n);
    json_node_unref(n);
    json_object_unref(o);
}

static JsonNode *empty_object(void)
{
    JsonObject *o = json_object_new();
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    json_object_unref(o);
    return n;
}

static void qmp_greeting(QMPMonitor *mon)
{
    JsonObject *qemu = json_object_new();
    json_object_set_int_member(qemu, "micro", TERN_VERSION_MICRO);
    json_object_set_int_member(qemu, "minor", TERN_VERSION_MINOR);
    json_object_set_int_member(qemu, "major", TERN_VERSION_MAJOR);
    JsonObject *version = json_object_new();
    json_object_set_object_member(version, "qemu", qemu);
    json_object_set_string_member(version, "package", TERN_MONITOR_VERSION_STRING);
    JsonArray *caps = json_array_new();
    json_array_add_string_element(caps, "oob");
    JsonObject *qmp = json_object_new();
    json_object_set_object_member(qmp, "version", version);
    json_object_set_array_member(qmp, "capabilities", caps);
    JsonObject *o = json_object_new();
    json_object_set_object_member(o, "QMP", qmp);
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    qmp_send(mon, n);
    json_node_unref(n);
    json_object_unref(o);
}

/* Send an event to every negotiated QMP monitor; takes data (may be NULL). */
static void qmp_broadcast_event(const char *name, JsonObject *data)
{
    gint64 now = g_get_real_time();
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QMPMonitor *mon = g_ptr_array_index(qmp_monitors, i);
        if (!mon->negotiated) {
            continue;
        }
        JsonObject *ts = json_object_new();
        json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
        json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
        JsonObject *o = json_object_new();
        json_object_set_object_member(o, "timestamp", ts);
        json_object_set_string_member(o, "event", name);
        if (data) {
            json_object_set_object_member(o, "data", json_object_ref(data));
        }
        JsonNode *n = json_node_init_object(json_node_alloc(), o);
        qmp_send(mon, n);
        json_node_unref(n);
        json_object_unref(o);
    }
    if (data) {
        json_object_unref(data);
    }
}

static const char *shutdown_reason(ShutdownCause why)
{
    switch (why) {
    case SHUTDOWN_CAUSE_HOST_ERROR: return "host-error";
    case SHUTDOWN_CAUSE_HOST_QMP_QUIT: return "host-qmp-quit";
    case SHUTDOWN_CAUSE_HOST_SIGNAL: return "host-signal";
    case SHUTDOWN_CAUSE_HOST_UI: return "host-ui";
    case SHUTDOWN_CAUSE_GUEST_SHUTDOWN: return "guest-shutdown";
    case SHUTDOWN_CAUSE_GUEST_RESET: return "guest-reset";
    case SHUTDOWN_CAUSE_GUEST_PANIC: return "guest-panic";
    case SHUTDOWN_CAUSE_TRIPLE_FAULT: return "subsystem-reset";
    case SHUTDOWN_CAUSE_HOST_RESET: return "host-qmp-system-reset";
    default: return "none";
    }
}

static bool cause_is_guest(ShutdownCause why)
{
    return why == SHUTDOWN_CAUSE_GUEST_SHUTDOWN || why == SHUTDOWN_CAUSE_GUEST_RESET ||
           why == SHUTDOWN_CAUSE_GUEST_PANIC || why == SHUTDOWN_CAUSE_TRIPLE_FAULT;
}

static void qmp_runstate_changed(void *opaque, RunState s, ShutdownCause why)
{
    switch (s) {
    case RUN_STATE_RUNNING:
        qmp_broadcast_event("RESUME", NULL);
        break;
    case RUN_STATE_PAUSED:
        qmp_broadcast_event("STOP", NULL);
        break;
    case RUN_STATE_SHUTDOWN: {
        JsonObject *d = json_object_new();
        json_object_set_boolean_member(d, "guest", cause_is_guest(why));
        json_object_set_string_member(d, "reason", shutdown_reason(why));
        qmp_broadcast_event("SHUTDOWN", d);
        break;
    }
    default:
        break;
    }
}

/* ---- commands ---- */

typedef JsonNode *(*QMPCommandFn)(JsonObject *args, char **err);

static JsonNode *qmp_query_status(JsonObject *args, char **err)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "status", runstate_name(runstate_get()));
    json_object_set_boolean_member(o, "singlestep", FALSE);
    json_object_set_boolean_member(o, "running", runstate_is_running());
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    json_object_unref(o);
    return n;
}

static JsonNode *qmp_stop(JsonObject *args, char **err)
{
    vm_stop(RUN_STATE_PAUSED);
    return empty_object();
}

static JsonNode *qmp_cont(JsonObject *args, char **err)
{
    RunState s = runstate_get();
    if (s == RUN_STATE_SHUTDOWN || s == RUN_STATE_INTERNAL_ERROR) {
        *err = g_strdup_printf("Resetting the Virtual Machine is required (state '%s')",
                               runstate_name(s));
        return NULL;
    }
    vm_start();
    return empty_object();
}

static JsonNode *qmp_system_reset(JsonObject *args, char **err)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_RESET);
    return empty_object();
}

static JsonNode *qmp_system_powerdown(JsonObject *args, char **err)
{
    if (!qemu_powerdown_supported()) {
        *err = g_strdup("this machine has no power button the guest can see");
        return NULL;
    }
    qemu_system_powerdown_request();
    qmp_broadcast_event("POWERDOWN", NULL);
    return empty_object();
}

static JsonNode *qmp_quit(JsonObject *args, char **err)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return empty_object();
}

static JsonNode *qmp_query_cpus_fast(JsonObject *args, char **err)
{
    JsonArray *a = json_array_new();
    for (int i = 0; i < vcpu_count(); i++) {
        VCPU *cpu = vcpu_get(i);
        JsonObject *props = json_object_new();
        json_object_set_int_member(props, "core-id", 0);
        json_object_set_int_member(props, "thread-id", 0);
        json_object_set_int_member(props, "socket-id", vcpu_index(cpu));
        JsonObject *o = json_object_new();
        json_object_set_int_member(o, "thread-id", vcpu_thread_id(cpu));
        json_object_set_object_member(o, "props", props);
        char *path = g_strdup_printf("/machine/unattached/device[%d]", vcpu_index(cpu));
        json_object_set_string_member(o, "qom-path", path);
        g_free(path);
        json_object_set_int_member(o, "cpu-index", vcpu_index(cpu));
        json_object_set_string_member(o, "target", vcpu_target_name());
        json_array_add_object_element(a, o);
    }
    JsonNode *n = json_node_init_array(json_node_alloc(), a);
    json_array_unref(a);
    return n;
}

static JsonNode *qmp_human_monitor_command(JsonObject *args, char **err)
{
    if (!args || !json_object_has_member(args, "command-line") ||
        json_node_get_value_type(json_object_get_member(args, "command-line")) != G_TYPE_STRING) {
        *err = g_strdup("Parameter 'command-line' is missing or not a string");
        return NULL;
    }
    GString *out = g_string_new(NULL);
    hmp_execute(json_object_get_string_member(args, "command-line"), out);
    JsonNode *n = json_node_init_string(json_node_alloc(), out->str);
    g_string_free(out, TRUE);
    return n;
}

static JsonNode *qmp_query_version(JsonObject *args, char **err)
{
    JsonObject *qemu = json_object_new();
    json_object_set_int_member(qemu, "micro", TERN_VERSION_MICRO);
    json_object_set_int_member(qemu, "minor", TERN_VERSION_MINOR);
    json_object_set_int_member(qemu, "major", TERN_VERSION_MAJOR);
    JsonObject *o = json_object_new();
    json_object_set_object_member(o, "qemu", qemu);
    json_object_set_string_member(o, "package", TERN_MONITOR_VERSION_STRING);
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    json_object_unref(o);
    return n;
}

static JsonNode *qmp_query_commands(JsonObject *args, char **err);

static const struct {
    const char *name;
    QMPCommandFn fn;
    /* Arguments it accepts (NULL-terminated); others are an error. */
    const char *const args[3];
} qmp_commands[] = {
    { "cont", qmp_cont, { NULL } },
    { "human-monitor-command", qmp_human_monitor_command, { "command-line", "cpu-index", NULL } },
    { "query-commands", qmp_query_commands, { NULL } },
    { "query-cpus-fast", qmp_query_cpus_fast, { NULL } },
    { "query-status", qmp_query_status, { NULL } },
    { "query-version", qmp_query_version, { NULL } },
    { "quit", qmp_quit, { NULL } },
    { "stop", qmp_stop, { NULL } },
    { "system_powerdown", qmp_system_powerdown, { NULL } },
    { "system_reset", qmp_system_reset, { NULL } },
};

static JsonNode *qmp_query_commands(JsonObject *args, char **err)
{
    JsonArray *a = json_array_new();
    JsonObject *cap = json_object_new();
    json_object_set_string_member(cap, "name", "qmp_capabilities");
    json_array_add_object_element(a, cap);
    for (size_t i = 0; i < G_N_ELEMENTS(qmp_commands); i++) {
        JsonObject *o = json_object_new();
        json_object_set_string_member(o, "name", qmp_commands[i].name);
        json_array_add_object_element(a, o);
    }
    JsonNode *n = json_node_init_array(json_node_alloc(), a);
    json_array_unref(a);
    return n;
}

static void qmp_dispatch(QMPMonitor *mon, const char *text)
{
    JsonParser *parser = json_parser_new();
    GError *perr = NULL;

    if (!json_parser_load_from_data(parser, text, -1, &perr)) {
        char *desc = g_strdup_printf("JSON parse error, %s", perr->message);
        qmp_error(mon, "GenericError", desc, NULL);
        g_free(desc);
        g_error_free(perr);
        g_object_unref(parser);
        return;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        qmp_error(mon, "GenericError", "QMP input must be a JSON object", NULL);
        g_object_unref(parser);
        return;
    }
    JsonObject *req = json_node_get_object(root);
    JsonNode *id = json_object_get_member(req, "id");

    /* Only execute, arguments and id are allowed. */
    GList *members = json_object_get_members(req);
    for (GList *l = members; l; l = l->next) {
        const char *m = l->data;
        if (strcmp(m, "execute") && strcmp(m, "arguments") && strcmp(m, "id")) {
            char *desc = g_strdup_printf("QMP input member '%s' is unexpected", m);
            qmp_error(mon, "GenericError", desc, id);
            g_free(desc);
            g_list_free(members);
            g_object_unref(parser);
            return;
        }
    }
    g_list_free(members);

    JsonNode *exec = json_object_get_member(req, "execute");
    if (!exec || json_node_get_value_type(exec) != G_TYPE_STRING) {
        qmp_error(mon, "GenericError",
                  exec ? "QMP input member 'execute' must be a string"
                       : "QMP input lacks member 'execute'", id);
        g_object_unref(parser);
        return;
    }
    const char *cmd = json_node_get_string(exec);
    JsonNode *argn = json_object_get_member(req, "arguments");
    if (argn && !JSON_NODE_HOLDS_OBJECT(argn)) {
        qmp_error(mon, "GenericError", "QMP input member 'arguments' must be an object", id);
        g_object_unref(parser);
        return;
    }
    JsonObject *args = argn ? json_node_get_object(argn) : NULL;

    if (strcmp(cmd, "qmp_capabilities") == 0) {
        if (mon->negotiated) {
            qmp_error(mon, "CommandNotFound",
                      "Capabilities negotiation is already complete, command ignored", id);
        } else {
            mon->negotiated = true;
            qmp_return(mon, empty_object(), id);
        }
        g_object_unref(parser);
        return;
    }
    if (!mon->negotiated) {
        qmp_error(mon, "CommandNotFound",
                  "Expecting capabilities negotiation with 'qmp_capabilities'", id);
        g_object_unref(parser);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(qmp_commands); i++) {
        if (strcmp(qmp_commands[i].name, cmd) != 0) {
            continue;
        }
        if (args) {
            GList *names = json_object_get_members(args);
            for (GList *l = names; l; l = l->next) {
                bool known = false;
                for (int k = 0; qmp_commands[i].args[k]; k++) {
                    known |= strcmp(qmp_commands[i].args[k], l->data) == 0;
                }
                if (!known) {
                    char *desc = g_strdup_printf("Parameter '%s' is unexpected",
                                                 (const char *)l->data);
                    qmp_error(mon, "GenericError", desc, id);
                    g_free(desc);
                    g_list_free(names);
                    g_object_unref(parser);
                    return;
                }
            }
            g_list_free(names);
        }
        char *err = NULL;
        JsonNode *ret = qmp_commands[i].fn(args, &err);
        if (ret) {
            qmp_return(mon, ret, id);
        } else {
            qmp_error(mon, "GenericError", err ? err : "command failed", id);
            g_free(err);
        }
        g_object_unref(parser);
        return;
    }
    char *desc = g_strdup_printf("The command %s has not been found", cmd);
    qmp_error(mon, "CommandNotFound", desc, id);
    g_free(desc);
    g_object_unref(parser);
}

/* ---- input ---- */

static int qmp_can_read(void *opaque)
{
    return 4096;
}

static void qmp_reset_input(QMPMonitor *mon)
{
    g_string_truncate(mon->buf, 0);
    g_string_truncate(mon->open, 0);
    mon->in_string = mon->escape = false;
    mon->junk = 0;
}

static void qmp_read(void *opaque, const uint8_t *data, int size)
{
    QMPMonitor *mon = opaque;

    for (int i = 0; i < size; i++) {
        char c = (char)data[i];

        if (mon->junk) {
            if (c == '\n') {
                if (mon->junk == 1) {
                    qmp_error(mon, "GenericError", "JSON parse error, expecting an object", NULL);
                }
                qmp_reset_input(mon);
            }
            continue;
        }
        if (mon->open->len == 0) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c != '{') {
                mon->junk = 1;
                continue;
            }
        }
        g_string_append_c(mon->buf, c);
        if (mon->buf->len > QMP_INPUT_MAX) {
            qmp_error(mon, "GenericError", "JSON parse error, request too large", NULL);
            qmp_reset_input(mon);
            mon->junk = 2;        /* skip the rest of the line */
            continue;
        }
        if (mon->in_string) {
            if (mon->escape) {
                mon->escape = false;
            } else if (c == '\\') {
                mon->escape = true;
            } else if (c == '"') {
                mon->in_string = false;
            }
            continue;
        }
        if (c == '"') {
            mon->in_string = true;
        } else if (c == '{' || c == '[') {
            g_string_append_c(mon->open, c);
        } else if (c == '}' || c == ']') {
            char want = mon->open->str[mon->open->len - 1] == '{' ? '}' : ']';
            if (c != want) {
                qmp_error(mon, "GenericError", "JSON parse error, mismatched brackets", NULL);
                qmp_reset_input(mon);
                mon->junk = 2;        /* skip the rest of the line */
                continue;
            }
            g_string_truncate(mon->open, mon->open->len - 1);
            if (mon->open->len == 0) {
                char *text = g_strdup(mon->buf->str);
                qmp_reset_input(mon);
                qmp_dispatch(mon, text);
                g_free(text);
            }
        }
    }
}

static void qmp_event(void *opaque, QEMUChrEvent event)
{
    QMPMonitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        mon->negotiated = false;
        qmp_reset_input(mon);
        qmp_greeting(mon);
        break;
    case CHR_EVENT_CLOSED:
        mon->negotiated = false;
        qmp_reset_input(mon);
        break;
    default:
        break;
    }
}

bool monitor_init_qmp(Chardev *chr, bool pretty, GError **errp)
{
    QMPMonitor *mon = g_new0(QMPMonitor, 1);

    mon->pretty = pretty;
    mon->buf = g_string_new(NULL);
    mon->open = g_string_new(NULL);
    if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
        g_string_free(mon->buf, TRUE);
        g_string_free(mon->open, TRUE);
        g_free(mon);
        return false;
    }
    if (!qmp_monitors) {
        qmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(qmp_monitors, mon);
    if (!notifier_added) {
        runstate_add_notifier(qmp_runstate_changed, NULL);
        notifier_added = true;
    }
    qemu_chr_fe_set_handlers(&mon->be, qmp_can_read, qmp_read, qmp_event, mon);
    return true;
}
