/*
 * Device properties (hw/qdev.h): defaults, parsing the command line's
 * strings into the typed fields of a device (bool on/off, integers with
 * range checks and size suffixes, strings, links to backends found through
 * registered resolvers) and printing them for `info qtree`.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "hw/qdev.h"
#include "qdev-internal.h"

static GHashTable *link_kinds;    /* kind -> QdevLinkResolver (as gpointer) */

void qdev_register_link_kind(const char *kind, QdevLinkResolver resolve)
{
    if (!link_kinds) {
        link_kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    g_hash_table_replace(link_kinds, g_strdup(kind), (gpointer)resolve);
}

const Property *qdev_find_prop(const DeviceClass *dc, const char *name)
{
    for (; dc; dc = dc->parent ? device_class_find(dc->parent) : NULL) {
        for (const Property *p = dc->props; p && p->name; p++) {
            if (strcmp(p->name, name) == 0) {
                return p;
            }
        }
    }
    return NULL;
}

static void *field(DeviceState *dev, const Property *p)
{
    return (char *)dev + p->offset;
}

static void store_uint(DeviceState *dev, const Property *p, uint64_t v)
{
    switch (p->type) {
    case PROP_TYPE_BOOL:
        *(bool *)field(dev, p) = v != 0;
        break;
    case PROP_TYPE_UINT8:
        *(uint8_t *)field(dev, p) = (uint8_t)v;
        break;
    case PROP_TYPE_UINT16:
        *(uint16_t *)field(dev, p) = (uint16_t)v;
        break;
    case PROP_TYPE_UINT32:
        *(uint32_t *)field(dev, p) = (uint32_t)v;
        break;
    case PROP_TYPE_UINT64:
        *(uint64_t *)field(dev, p) = v;
        break;
    default:
        break;
    }
}

static uint64_t load_uint(DeviceState *dev, const Property *p)
{
    switch (p->type) {
    case PROP_TYPE_BOOL:
        return *(bool *)field(dev, p);
    case PROP_TYPE_UINT8:
        return *(uint8_t *)field(dev, p);
    case PROP_TYPE_UINT16:
        return *(uint16_t *)field(dev, p);
    case PROP_TYPE_UINT32:
        return *(uint32_t *)field(dev, p);
    case PROP_TYPE_UINT64:
        return *(uint64_t *)field(dev, p);
    default:
        return 0;
    }
}

static void apply_defaults_of(DeviceState *dev, const DeviceClass *dc)
{
    if (dc->parent) {
        const DeviceClass *pc = device_class_find(dc->parent);
        if (pc && pc != dc) {
            apply_defaults_of(dev, pc);
        }
    }
    for (const Property *p = dc->props; p && p->name; p++) {
        if (p->type == PROP_TYPE_STRING) {
            char **s = field(dev, p);
            g_free(*s);
            *s = g_strdup(p->defstr);
        } else if (p->type != PROP_TYPE_LINK) {
            store_uint(dev, p, p->defval);
        }
    }
}

void qdev_apply_defaults(DeviceState *dev)
{
    apply_defaults_of(dev, dev->klass);
}

void qdev_free_props(DeviceState *dev)
{
    for (const DeviceClass *dc = dev->klass; dc;
         dc = dc->parent ? device_class_find(dc->parent) : NULL) {
        for (const Property *p = dc->props; p && p->name; p++) {
            if (p->type == PROP_TYPE_STRING) {
                char **s = field(dev, p);
                g_free(*s);
                *s = NULL;
            }
        }
    }
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "on", "true", "yes", "y", "1" };
    static const char *const no[] = { "off", "false", "no", "n", "0" };

    for (unsigned i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(v, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (g_ascii_strcasecmp(v, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* Decimal, 0x hex or 0 octal; with suffixes k/M/G/T (powers of 1024) if
 * allowed.  Returns false on syntax errors and overflow. */
static bool parse_uint(const char *v, bool suffixes, uint64_t *out)
{
    char *end;
    uint64_t n, mul = 1;

    if (!*v || *v == '-' || *v == '+' || g_ascii_isspace(*v)) {
        return false;
    }
    errno = 0;
    n = g_ascii_strtoull(v, &end, 0);
    if (errno || end == v) {
        return false;
    }
    if (*end && suffixes) {
        switch (g_ascii_tolower(*end)) {
        case 'k': mul = 1ull << 10; break;
        case 'm': mul = 1ull << 20; break;
        case 'g': mul = 1ull << 30; break;
        case 't': mul = 1ull << 40; break;
        case 'b': mul = 1; break;
        default: return false;
        }
        end++;
        if (mul > 1 && (*end == 'b' || *end == 'B')) {
            end++;                 /* 4KB, 1MB */
        }
    }
    if (*end) {
        return false;
    }
    if (n > UINT64_MAX / mul) {
        return false;
    }
    *out = n * mul;
    return true;
}

static uint64_t type_max(PropertyType t)
{
    switch (t) {
    case PROP_TYPE_UINT8: return UINT8_MAX;
    case PROP_TYPE_UINT16: return UINT16_MAX;
    case PROP_TYPE_UINT32: return UINT32_MAX;
    default: return UINT64_MAX;
    }
}

bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     GError **errp)
{
    const Property *p = qdev_find_prop(dev->klass, name);
    const char *type = dev->klass->name;

    if (!p) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "device '%s' has no property '%s' (-device %s,help lists them)",
                    type, name, type);
        return false;
    }
    if (dev->realized) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "property '%s' of device '%s' cannot change after realize",
                    name, type);
        return false;
    }
    if (!value) {
        value = "";
    }
    switch (p->type) {
    case PROP_TYPE_BOOL: {
        bool b;
        if (!parse_bool(value, &b)) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "property '%s' of device '%s': '%s' is not a boolean (use on or off)",
                        name, type, value);
            return false;
        }
        store_uint(dev, p, b);
        break;
    }
    case PROP_TYPE_UINT8:
    case PROP_TYPE_UINT16:
    case PROP_TYPE_UINT32:
    case PROP_TYPE_UINT64: {
        uint64_t n;
        bool sfx = p->type == PROP_TYPE_UINT64;
        if (!parse_uint(value, sfx, &n)) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "property '%s' of device '%s': '%s' is not a%s number%s",
                        name, type, value, sfx ? " size or" : "n unsigned",
                        sfx ? " (suffixes k, M, G, T)" : "");
            return false;
        }
        if (n > type_max(p->type)) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "property '%s' of device '%s': %s is out of range (maximum %" PRIu64 ")",
                        name, type, value, type_max(p->type));
            return false;
        }
        store_uint(dev, p, n);
        break;
    }
    case PROP_TYPE_STRING: {
        char **s = field(dev, p);
        g_free(*s);
        *s = g_strdup(value);
        break;
    }
    case PROP_TYPE_LINK: {
        QdevLinkResolver r = link_kinds ? (QdevLinkResolver)g_hash_table_lookup(
                                              link_kinds, p->link_kind) : NULL;
        void *target;
        GError *err = NULL;

        if (!r) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "property '%s' of device '%s': no %s backends in this build",
                        name, type, p->link_kind);
            return false;
        }
        target = r(value, dev, &err);
        if (!target) {
            if (err) {
                g_propagate_prefixed_error(errp, err, "property '%s' of device '%s': ",
                                           name, type);
            } else {
                g_set_error(errp, QDEV_ERROR, 0,
                            "property '%s' of device '%s': no %s with id '%s'",
                            name, type, p->link_kind, value);
            }
            return false;
        }
        *(void **)field(dev, p) = target;
        break;
    }
    }
    g_hash_table_replace(dev->prop_set, g_strdup(name), g_strdup(value));
    return true;
}

static const char *type_label(const Property *p)
{
    switch (p->type) {
    case PROP_TYPE_BOOL: return "bool (on/off)";
    case PROP_TYPE_UINT8: return "uint8";
    case PROP_TYPE_UINT16: return "uint16";
    case PROP_TYPE_UINT32: return "uint32";
    case PROP_TYPE_UINT64: return "size";
    case PROP_TYPE_STRING: return "str";
    case PROP_TYPE_LINK: return p->link_kind;
    }
    return "?";
}

static void props_help_of(const DeviceClass *dc, GString *out)
{
    for (const Property *p = dc->props; p && p->name; p++) {
        g_string_append_printf(out, "  %s=<%s>", p->name, type_label(p));
        if (p->type == PROP_TYPE_BOOL) {
            g_string_append_printf(out, " (default: %s)", p->defval ? "on" : "off");
        } else if (p->type == PROP_TYPE_STRING) {
            if (p->defstr) {
                g_string_append_printf(out, " (default: \"%s\")", p->defstr);
            }
        } else if (p->type != PROP_TYPE_LINK) {
            g_string_append_printf(out, " (default: %" PRIu64 ")", p->defval);
        }
        g_string_append_c(out, '\n');
    }
    if (dc->parent) {
        const DeviceClass *pc = device_class_find(dc->parent);
        if (pc && pc != dc) {
            props_help_of(pc, out);
        }
    }
}

void qdev_props_help(const DeviceClass *dc, GString *out)
{
    g_string_append_printf(out, "%s options:\n", dc->name);
    props_help_of(dc, out);
    if (!dc->props || !dc->props->name) {
        g_string_append(out, "  (no properties)\n");
    }
}

static void props_print_of(DeviceState *dev, const DeviceClass *dc, GString *out,
                           int indent)
{
    for (const Property *p = dc->props; p && p->name; p++) {
        g_string_append_printf(out, "%*s%s = ", indent, "", p->name);
        switch (p->type) {
        case PROP_TYPE_BOOL:
            g_string_append(out, load_uint(dev, p) ? "true" : "false");
            break;
        case PROP_TYPE_STRING: {
            const char *s = *(char **)field(dev, p);
            if (s) {
                g_string_append_printf(out, "\"%s\"", s);
            } else {
                g_string_append(out, "<null>");
            }
            break;
        }
        case PROP_TYPE_LINK: {
            const char *id = g_hash_table_lookup(dev->prop_set, p->name);
            g_string_append_printf(out, "\"%s\"", id ? id : "");
            break;
        }
        default: {
            uint64_t v = load_uint(dev, p);
            g_string_append_printf(out, "%" PRIu64 " (0x%" PRIx64 ")", v, v);
            break;
        }
        }
        g_string_append_c(out, '\n');
    }
    if (dc->parent) {
        const DeviceClass *pc = device_class_find(dc->parent);
        if (pc && pc != dc) {
            props_print_of(dev, pc, out, indent);
        }
    }
}

void qdev_props_print(DeviceState *dev, GString *out, int indent)
{
    props_print_of(dev, dev->klass, out, indent);
}
