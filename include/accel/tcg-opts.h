/* Parsing "-accel tcg,backend=...,tb-size=...,split-wx=...,optimize=...". */
#ifndef ACCEL_TCG_OPTS_H
#define ACCEL_TCG_OPTS_H

#include <stdio.h>
#include "accel/tcg.h"

/* Fill cfg from the option string; -1 with a message in *err on error. */
int tcg_accel_parse_opts(const char *str, TCGAccelConfig *cfg,
                         const char **err);
/* What "-accel help" prints. */
void tcg_accel_help(FILE *f);

#endif
