/* Helpers of the load/store translator (see target/arm/helper.h). */
/*
 * Guest read-modify-write atomics, done on the host address
 * guest_base + addr (user mode) with host atomic instructions; bodies in
 * target/arm/ldst_helper.c.  Every one takes (env, guest addr, ...,
 * guest_base, desc); desc bits 1:0 are the access size (log2 bytes) and
 * the rest is per helper.  They may raise a guest alignment or data
 * abort, so none of them is NO_READ_GLOBALS (the guest state must be
 * in env for cpu_restore_state).
 */
/* STXR/STLXR: status (0 = stored) of a cmpxchg from env->exclusive_val
 * to val at addr, iff addr == env->exclusive_addr; clears the monitor. */
DEF_HELPER_FLAGS_5(stxr, 0, i64, env, i64, i64, i64, i32)
/* STXP/STLXP: the same for a pair; desc = size | Rt << 8 | Rt2 << 16,
 * the registers are read from env (31 = XZR). */
DEF_HELPER_FLAGS_4(stxp, 0, i64, env, i64, i64, i32)
/* CAS*: old value (zero-extended); stores new iff old == cmp. */
DEF_HELPER_FLAGS_6(cas, TCG_CALL_NO_WRITE_GLOBALS, i64, env, i64, i64, i64, i64, i32)
/* CASP*: desc = size of one register | Rs << 8 | Rt << 16; compares
 * with Rs:Rs+1, stores Rt:Rt+1, writes the old pair to Rs:Rs+1 (env). */
DEF_HELPER_FLAGS_4(casp, 0, void, env, i64, i64, i32)
/* LD<op>/SWP: old value (zero-extended); desc = size | op << 4 with op
 * 0 ADD 1 CLR 2 EOR 3 SET 4 SMAX 5 SMIN 6 UMAX 7 UMIN 8 SWP. */
DEF_HELPER_FLAGS_5(atomic_rmw, TCG_CALL_NO_WRITE_GLOBALS, i64, env, i64, i64, i64, i32)
/* User mode: the alignment fault of an access done in IR (LDXR, LDAR...):
 * EXCP_UNALIGNED at addr.  Never returns. */
DEF_HELPER_FLAGS_2(unaligned, 0, void, env, i64)
