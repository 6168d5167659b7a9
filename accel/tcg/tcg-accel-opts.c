/*
 * "-accel tcg,prop=value,..." as QEMU spells it, for every tern binary:
 *   backend=jit|interp   code generator (default: jit where the host has one)
 *   tb-size=N            code buffer in MiB (default 32); NK in KiB
 *   split-wx=on|off      W^X: separate writable and executable views
 *   optimize=on|off      run the IR optimizer (default on)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg-opts.h"

static char errbuf[256];

static int parse_bool(const char *prop, const char *v, bool *out,
                      const char **err)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
    } else {
        snprintf(errbuf, sizeof(errbuf),
                 "-accel tcg,%s=%s: expected on or off", prop, v);
        *err = errbuf;
        return -1;
    }
    return 0;
}

int tcg_accel_parse_opts(const char *str, TCGAccelConfig *cfg,
                         const char **err)
{
    char *copy, *tok, *save = NULL;
    int ret = 0;

    if (strncmp(str, "tcg", 3) || (str[3] && str[3] != ',')) {
        snprintf(errbuf, sizeof(errbuf),
                 "-accel %s: unknown accelerator (this program offers: tcg)",
                 str);
        *err = errbuf;
        return -1;
    }
    copy = strdup(str + 3);
    for (tok = strtok_r(copy, ",", &save); tok && !ret;
         tok = strtok_r(NULL, ",", &save)) {
        char *v = strchr(tok, '=');
        if (!v) {
            snprintf(errbuf, sizeof(errbuf),
                     "-accel tcg,%s: expected property=value", tok);
            *err = errbuf;
            ret = -1;
            break;
        }
        *v++ = 0;
        if (!strcmp(tok, "backend")) {
            cfg->backend = tcg_backend_by_name(v);
            if (!cfg->backend) {
                snprintf(errbuf, sizeof(errbuf),
                         "-accel tcg,backend=%s: not available on this host "
                         "(choose %sinterp)", v,
                         tcg_backend_by_name("jit") ? "jit or " : "");
                *err = errbuf;
                ret = -1;
            }
        } else if (!strcmp(tok, "tb-size")) {
            char *end;
            unsigned long mb = strtoul(v, &end, 10);
            if ((*end == 'K' || *end == 'k') && !end[1] && mb >= 16 &&
                mb <= 2048 * 1024) {
                /* KiB: tiny buffers, to exercise flushes in tests. */
                cfg->tb_size_bytes = (size_t)mb << 10;
            } else if ((*end && strcmp(end, "M") && strcmp(end, "m")) ||
                       mb < 1 || mb > 2048) {
                snprintf(errbuf, sizeof(errbuf),
                         "-accel tcg,tb-size=%s: expected MiB from 1 to 2048 "
                         "(or KiB from 16K)", v);
                *err = errbuf;
                ret = -1;
            } else {
                cfg->tb_size_mb = mb;
            }
        } else if (!strcmp(tok, "split-wx")) {
            ret = parse_bool(tok, v, &cfg->split_wx, err);
        } else if (!strcmp(tok, "optimize")) {
            bool on;
            ret = parse_bool(tok, v, &on, err);
            cfg->no_optimize = !on;
        } else {
            snprintf(errbuf, sizeof(errbuf),
                     "-accel tcg,%s: unknown property (known: backend, "
                     "tb-size, split-wx, optimize)", tok);
            *err = errbuf;
            ret = -1;
        }
    }
    free(copy);
    return ret;
}

void tcg_accel_help(FILE *f)
{
    fprintf(f, "Accelerators:\n"
            "  tcg   binary translation (usable)\n"
            "        backend=%s  tb-size=MiB|<n>K (default %d)  split-wx=on|off  "
            "optimize=on|off\n",
            tcg_backend_by_name("jit") ? "jit|interp (default jit)"
                                        : "interp (no JIT for this host)",
            TCG_DEFAULT_TB_SIZE_MB);
}
