/*
 * libffi call descriptions of helpers (blueprint 3.6): the interpreter
 * backend calls C helpers through ffi_call() with an ffi_cif built from
 * the helper's declared type mask.  Each cif is built once, on first use,
 * and kept in TCGHelperInfo.cif for the life of the process.
 */
#include <glib.h>
#include <ffi.h>

#include "tcg/tcg.h"

typedef struct HelperCif {
    ffi_cif cif;
    ffi_type *args[TCG_MAX_CALL_IARGS];
} HelperCif;

static GMutex helper_cif_lock;

static ffi_type *typecode_to_ffi(const TCGHelperInfo *info, unsigned code)
{
    switch (code) {
    case dh_typecode_void: return &ffi_type_void;
    case dh_typecode_i32:  return &ffi_type_uint32;
    case dh_typecode_s32:  return &ffi_type_sint32;
    case dh_typecode_i64:  return &ffi_type_uint64;
    case dh_typecode_s64:  return &ffi_type_sint64;
    case dh_typecode_ptr:  return &ffi_type_pointer;
    default:
        tcg_abort_msg("helper %s: bad type code %u", info->name, code);
    }
}

static HelperCif *helper_cif_build(const TCGHelperInfo *info)
{
    HelperCif *h = g_new0(HelperCif, 1);
    unsigned n = info->nb_args;
    ffi_status st;

    if (n > TCG_MAX_CALL_IARGS) {
        tcg_abort_msg("helper %s: %u arguments, at most %d", info->name, n,
                      TCG_MAX_CALL_IARGS);
    }
    for (unsigned i = 0; i < n; i++) {
        unsigned code = tcg_helper_typecode(info, i + 1);
        if (code == dh_typecode_void) {
            tcg_abort_msg("helper %s: argument %u is void", info->name, i);
        }
        h->args[i] = typecode_to_ffi(info, code);
    }
    st = ffi_prep_cif(&h->cif, FFI_DEFAULT_ABI, n,
                      typecode_to_ffi(info, tcg_helper_typecode(info, 0)),
                      n ? h->args : NULL);
    if (st != FFI_OK) {
        tcg_abort_msg("helper %s: ffi_prep_cif failed (%d)", info->name, st);
    }
    return h;
}

void *tcg_helper_ffi_cif(TCGHelperInfo *info)
{
    void *cif = __atomic_load_n(&info->cif, __ATOMIC_ACQUIRE);

    if (cif) {
        return cif;
    }
    g_mutex_lock(&helper_cif_lock);
    cif = info->cif;
    if (!cif) {
        /* &h->cif == h: the whole HelperCif stays alive with it. */
        cif = &helper_cif_build(info)->cif;
        __atomic_store_n(&info->cif, cif, __ATOMIC_RELEASE);
    }
    g_mutex_unlock(&helper_cif_lock);
    return cif;
}
