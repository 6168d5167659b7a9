/*
 * The file chardev (file:PATH, -chardev file,path=PATH[,append=on]):
 * output goes to the file, there is no input.  Regular-file writes do not
 * block for long, so they are done in full right away.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "chardev/chardev-internal.h"

typedef struct FileChardev {
    Chardev parent;
    int fd;
    char *path;
} FileChardev;

static int file_write(Chardev *chr, const uint8_t *buf, int len)
{
    FileChardev *f = (FileChardev *)chr;
    int done = 0;

    while (done < len) {
        ssize_t n = write(f->fd, buf + done, len - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                break;          /* a FIFO or device opened by path */
            }
            return done ? done : -1;
        }
        done += n;
    }
    return done;
}

static int file_out_fd(Chardev *chr)
{
    return ((FileChardev *)chr)->fd;
}

static void file_destroy(Chardev *chr)
{
    FileChardev *f = (FileChardev *)chr;
    close(f->fd);
    g_free(f->path);
}

static char *file_describe(Chardev *chr)
{
    return g_strdup_printf("file:%s", ((FileChardev *)chr)->path);
}

static const ChardevClass file_class = {
    .kind = "file",
    .write = file_write,
    .out_fd = file_out_fd,
    .destroy = file_destroy,
    .describe = file_describe,
};

Chardev *chr_file_open(const char *label, const ChardevOpts *o, GError **errp)
{
    FileChardev *f;
    int fd;

    if (!o->path || !*o->path) {
        g_set_error(errp, CHARDEV_ERROR, 0, "file: path=PATH is required");
        return NULL;
    }
    fd = open(o->path, O_WRONLY | O_CREAT | O_CLOEXEC |
              (o->append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) {
        g_set_error(errp, CHARDEV_ERROR, 0, "cannot open '%s' for writing: %s",
                    o->path, g_strerror(errno));
        return NULL;
    }
    f = (FileChardev *)chr_alloc(&file_class, sizeof(FileChardev), label);
    f->fd = fd;
    f->path = g_strdup(o->path);
    f->parent.be_open = true;
    return &f->parent;
}
