/*
 * Shared between hw/core/qdev.c and hw/core/qdev-properties.c.
 */
#ifndef HW_CORE_QDEV_INTERNAL_H
#define HW_CORE_QDEV_INTERNAL_H

#include "hw/qdev.h"

#define QDEV_ERROR g_quark_from_static_string("qdev-error")

/* The property `name` of dc or of one of its parents. */
const Property *qdev_find_prop(const DeviceClass *dc, const char *name);
void qdev_apply_defaults(DeviceState *dev);
void qdev_free_props(DeviceState *dev);
/* "TYPE options:" and one line per property (-device TYPE,help). */
void qdev_props_help(const DeviceClass *dc, GString *out);
/* "name = value" lines for info qtree. */
void qdev_props_print(DeviceState *dev, GString *out, int indent);

#endif
