/*
 * The monitors: QMP driven by a test client over a unix socket (greeting,
 * negotiation, query-status, stop/cont with their events, errors,
 * human-monitor-command, quit), and HMP commands run through
 * hmp_execute() against a machine with some RAM and no vCPUs.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "monitor/monitor.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

typedef struct Client {
    int fd;
    GString *in;
    GPtrArray *events;     /* JsonNode * of events seen */
} Client;

/* Pump the main loop until the client has a full line; return it parsed. */
static JsonNode *client_read_msg(Client *c)
{
    for (int tries = 0; tries < 500; tries++) {
        char *nl = strstr(c->in->str, "\r\n");
        if (nl) {
            char *line = g_strndup(c->in->str, nl - c->in->str);
            g_string_erase(c->in, 0, nl - c->in->str + 2);
            JsonParser *p = json_parser_new();
            GError *err = NULL;
            g_assert_true(json_parser_load_from_data(p, line, -1, &err));
            JsonNode *n = json_node_copy(json_parser_get_root(p));
            g_object_unref(p);
            g_free(line);
            return n;
        }
        main_loop_wait(10);
        char buf[4096];
        ssize_t r = read(c->fd, buf, sizeof(buf));
        if (r > 0) {
            g_string_append_len(c->in, buf, r);
        }
    }
    g_assert_not_reached();
}

/* The next message that is not an event (events are collected). */
static JsonNode *client_read_reply(Client *c)
{
    for (;;) {
        JsonNode *n = client_read_msg(c);
        JsonObject *o = json_node_get_object(n);
        if (json_object_has_member(o, "event")) {
            g_ptr_array_add(c->events, n);
            continue;
        }
        return n;
    }
}

static void client_send(Client *c, const char *text)
{
    size_t len = strlen(text);
    g_assert_cmpint(write(c->fd, text, len), ==, (ssize_t)len);
}

static bool client_saw_event(Client *c, const char *name)
{
    for (guint i = 0; i < c->events->len; i++) {
        JsonObject *o = json_node_get_object(g_ptr_array_index(c->events, i));
        if (strcmp(json_object_get_string_member(o, "event"), name) == 0) {
            return true;
        }
    }
    return false;
}

static const char *error_class(JsonNode *n)
{
    JsonObject *o = json_node_get_object(n);
    if (!json_object_has_member(o, "error")) {
        return NULL;
    }
    return json_object_get_string_member(json_object_get_object_member(o, "error"), "class");
}

static JsonObject *return_object(JsonNode *n)
{
    JsonObject *o = json_node_get_object(n);
    g_assert_true(json_object_has_member(o, "return"));
    return json_object_get_object_member(o, "return");
}

static void test_qmp_session(void)
{
    char *dir = g_dir_make_tmp("tern-qmp-XXXXXX", NULL);
    char *path = g_build_filename(dir, "qmp.sock", NULL);
    char *spec = g_strdup_printf("unix:%s,server,nowait", path);
    GError *err = NULL;

    g_assert_true(monitor_init_from_opts("qmp", spec, &err));
    g_assert_no_error(err);

    Client c = { .in = g_string_new(NULL),
                 .events = g_ptr_array_new_with_free_func((GDestroyNotify)json_node_unref) };
    c.fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(c.fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    fcntl(c.fd, F_SETFL, O_NONBLOCK);

    /* Greeting. */
    JsonNode *n = client_read_msg(&c);
    JsonObject *qmp = json_object_get_object_member(json_node_get_object(n), "QMP");
    g_assert_nonnull(qmp);
    g_assert_true(json_object_has_member(json_object_get_object_member(qmp, "version"), "qemu"));
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(qmp, "capabilities")), ==, 1);
    json_node_unref(n);

    /* Commands before negotiation are refused. */
    client_send(&c, "{\"execute\": \"query-status\"}\n");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "CommandNotFound");
    json_node_unref(n);

    client_send(&c, "{\"execute\": \"qmp_capabilities\"}");
    n = client_read_reply(&c);
    g_assert_cmpuint(json_object_get_size(return_object(n)), ==, 0);
    json_node_unref(n);

    /* Two requests in one write, the second split over two writes, with ids. */
    client_send(&c, "{\"execute\": \"query-status\", \"id\": 7}{\"execute\":");
    client_send(&c, " \"query-version\", \"id\": \"v\"}");
    n = client_read_reply(&c);
    JsonObject *st = return_object(n);
    g_assert_cmpstr(json_object_get_string_member(st, "status"), ==, "prelaunch");
    g_assert_false(json_object_get_boolean_member(st, "running"));
    g_assert_cmpint(json_object_get_int_member(json_node_get_object(n), "id"), ==, 7);
    json_node_unref(n);
    n = client_read_reply(&c);
    g_assert_cmpstr(json_object_get_string_member(json_node_get_object(n), "id"), ==, "v");
    json_node_unref(n);

    /* cont: running, RESUME event. */
    client_send(&c, "{\"execute\": \"cont\"}");
    n = client_read_reply(&c);
    return_object(n);
    json_node_unref(n);
    g_assert_true(runstate_is_running());
    client_send(&c, "{\"execute\": \"query-status\"}");
    n = client_read_reply(&c);
    g_assert_cmpstr(json_object_get_string_member(return_object(n), "status"), ==, "running");
    json_node_unref(n);
    g_assert_true(client_saw_event(&c, "RESUME"));

    /* stop: paused, STOP event. */
    client_send(&c, "{\"execute\": \"stop\"}");
    n = client_read_reply(&c);
    return_object(n);
    json_node_unref(n);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PAUSED);
    client_send(&c, "{\"execute\": \"query-status\"}");
    n = client_read_reply(&c);
    g_assert_cmpstr(json_object_get_string_member(return_object(n), "status"), ==, "paused");
    json_node_unref(n);
    g_assert_true(client_saw_event(&c, "STOP"));

    /* HMP through QMP. */
    client_send(&c, "{\"execute\": \"human-monitor-command\", "
                    "\"arguments\": {\"command-line\": \"info status\"}}");
    n = client_read_reply(&c);
    g_assert_cmpstr(json_node_get_string(json_object_get_member(json_node_get_object(n), "return")),
                    ==, "VM status: paused\n");
    json_node_unref(n);

    /* Errors. */
    client_send(&c, "{\"execute\": \"no-such-command\"}");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "CommandNotFound");
    json_node_unref(n);
    client_send(&c, "{\"execute\": \"stop\", \"bogus\": 1}");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "GenericError");
    json_node_unref(n);
    client_send(&c, "{\"execute\": \"stop\", \"arguments\": {\"force\": true}}");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "GenericError");
    json_node_unref(n);
    client_send(&c, "{\"execute\": [1, 2}\n");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "GenericError");
    json_node_unref(n);
    client_send(&c, "not json at all\n");
    n = client_read_reply(&c);
    g_assert_cmpstr(error_class(n), ==, "GenericError");
    json_node_unref(n);
    /* The session still works after the errors. */
    client_send(&c, "{\"execute\": \"query-cpus-fast\"}");
    n = client_read_reply(&c);
    g_assert_true(JSON_NODE_HOLDS_ARRAY(json_object_get_member(json_node_get_object(n), "return")));
    json_node_unref(n);

    /* quit: an empty return, then the main loop is told to exit. */
    client_send(&c, "{\"execute\": \"quit\"}");
    n = client_read_reply(&c);
    return_object(n);
    json_node_unref(n);
    g_assert_true(main_loop_should_exit());
    main_loop_wait(10);
    char buf[4096];
    ssize_t r = read(c.fd, buf, sizeof(buf));
    if (r > 0) {
        g_string_append_len(c.in, buf, r);
    }
    while (strstr(c.in->str, "\r\n")) {
        JsonNode *e = client_read_msg(&c);
        g_ptr_array_add(c.events, e);
    }
    g_assert_true(client_saw_event(&c, "SHUTDOWN"));

    close(c.fd);
    g_ptr_array_free(c.events, TRUE);
    g_string_free(c.in, TRUE);
    g_unlink(path);
    g_rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

static char *hmp(const char *line)
{
    GString *out = g_string_new(NULL);
    hmp_execute(line, out);
    return g_string_free(out, FALSE);
}

static void test_hmp_commands(void)
{
    static MemoryRegion ram;
    GError *err = NULL;

    memory_system_init();
    g_assert_true(memory_region_init_ram(&ram, NULL, "test.ram", 0x10000, &err));
    memory_region_add_subregion(get_system_memory(), 0x100000, &ram);
    uint8_t *p = memory_region_get_ram_ptr(&ram);
    const uint8_t bytes[] = { 0x78, 0x56, 0x34, 0x12, 0xf0, 0xde, 0xbc, 0x9a, 'h', 'i' };
    memcpy(p + 0x10, bytes, sizeof(bytes));

    char *s = hmp("xp /2xw 0x100010");
    g_assert_cmpstr(s, ==, "0000000000100010: 0x12345678 0x9abcdef0\n");
    g_free(s);
    s = hmp("xp/1xg 0x100010");
    g_assert_cmpstr(s, ==, "0000000000100010: 0x9abcdef012345678\n");
    g_free(s);
    s = hmp("xp /2c 0x100018");
    g_assert_cmpstr(s, ==, "0000000000100018: 'h' 'i'\n");
    g_free(s);
    s = hmp("xp /1dw 0x100014");
    g_assert_cmpstr(s, ==, "0000000000100014: -1698898192\n");
    g_free(s);
    s = hmp("xp /3xb 0x100000+0x10");
    g_assert_cmpstr(s, ==, "0000000000100010: 0x78 0x56 0x34\n");
    g_free(s);
    /* Unmapped memory and bad formats are errors, not crashes. */
    s = hmp("xp /4xw 0x80000000");
    g_assert_nonnull(strstr(s, "Cannot access memory"));
    g_free(s);
    s = hmp("xp /4zw 0x100000");
    g_assert_nonnull(strstr(s, "invalid format"));
    g_free(s);
    s = hmp("xp /4xw");
    g_assert_nonnull(strstr(s, "address expected"));
    g_free(s);
    /* x needs a vCPU to translate with; there is none here. */
    s = hmp("x /4xw 0x1000");
    g_assert_cmpstr(s, ==, "No CPU available\n");
    g_free(s);

    s = hmp("help");
    g_assert_nonnull(strstr(s, "system_reset"));
    g_assert_nonnull(strstr(s, "info [subcommand]"));
    g_free(s);
    s = hmp("info");
    g_assert_nonnull(strstr(s, "info mtree"));
    g_free(s);
    s = hmp("info mtree");
    g_assert_nonnull(strstr(s, "test.ram"));
    g_free(s);
    s = hmp("info nonsense");
    g_assert_nonnull(strstr(s, "unknown item"));
    g_free(s);
    s = hmp("frobnicate");
    g_assert_cmpstr(s, ==, "unknown command: 'frobnicate' (try 'help')\n");
    g_free(s);
    s = hmp("system_powerdown");
    g_assert_nonnull(strstr(s, "no power button"));
    g_free(s);
}

static void test_monitor_opts_errors(void)
{
    GError *err = NULL;

    g_assert_true(monitor_init_from_opts("monitor", "none", &err));
    g_assert_false(monitor_init_from_opts("mon", "mode=control", &err));
    g_assert_nonnull(strstr(err->message, "chardev=ID is required"));
    g_clear_error(&err);
    g_assert_false(monitor_init_from_opts("mon", "chardev=nope", &err));
    g_assert_nonnull(strstr(err->message, "no chardev with id 'nope'"));
    g_clear_error(&err);
    g_assert_false(monitor_init_from_opts("mon", "chardev=x,mode=weird", &err));
    g_assert_nonnull(strstr(err->message, "mode must be"));
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    g_test_add_func("/monitor/hmp-commands", test_hmp_commands);
    g_test_add_func("/monitor/opts-errors", test_monitor_opts_errors);
    g_test_add_func("/monitor/qmp-session", test_qmp_session);
    return g_test_run();
}
