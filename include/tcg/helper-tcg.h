/*
 * Helpers that generic TCG code emits calls to (helper table, see
 * tcg/helper-macros.h).  Implemented in accel/tcg/tcg-runtime.c.
 */
/* Find the next block for the CPU's current state; returns host code or
 * the epilogue that exits with 0. */
DEF_HELPER_FLAGS_1(lookup_tb_ptr, TCG_CALL_NO_WG_SE, ptr, env)
