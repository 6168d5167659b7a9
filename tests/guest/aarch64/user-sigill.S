/*
 * UDF #0 (permanently undefined): the guest dies of SIGILL (status
 * 128+4), after what it wrote before.
 */
#include "user-lib.inc"

    .text
    .globl _start
_start:
    SAY     "before\n"
    udf     #0
    SAY     "after\n"
    EXIT    0
