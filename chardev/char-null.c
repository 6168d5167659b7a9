/*
 * The null chardev: output is discarded, there is never input.
 */
#include "chardev/chardev-internal.h"

static int null_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

static const ChardevClass null_class = {
    .kind = "null",
    .write = null_write,
};

Chardev *chr_null_open(const char *label, const ChardevOpts *o, GError **errp)
{
    Chardev *chr = chr_alloc(&null_class, sizeof(Chardev), label);
    chr->be_open = true;
    return chr;
}
