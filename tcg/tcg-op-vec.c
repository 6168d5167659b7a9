/*
 * Front-end emitters of the vector ops (include/tcg/tcg-vec.h).
 */
#include "tcg/tcg-op.h"
#include "tcg/tcg-vec.h"

bool tcg_vec_supported(TCGOpcode opc, uint32_t vdesc)
{
    const TCGBackend *be = tcg_ctx->be;

    return tcg_vec_valid(opc, vdesc) && be->vec_supported &&
           be->vec_supported(opc, vdesc);
}

static TCGOp *vec_op(TCGOpcode opc, uint32_t vdesc, int nslots)
{
    TCGOp *op;

    if (!tcg_vec_valid(opc, vdesc) || tcg_vec_nb_slots(opc) != nslots) {
        tcg_abort_msg("malformed vector op %s, vdesc 0x%x",
                      opc < NB_OPS ? tcg_op_defs[opc].name : "?", vdesc);
    }
    op = tcg_emit_op(opc, vdesc_q(vdesc) ? TCG_TYPE_V128 : TCG_TYPE_V64,
                     1 + nslots + 1);
    op->args[0] = temp_arg(tcgv_ptr_temp(tcg_env));
    op->args[1 + nslots] = vdesc;
    return op;
}

void tcg_gen_vec2(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a)
{
    TCGOp *op = vec_op(opc, vdesc, 2);

    op->args[1] = (TCGArg)d;
    op->args[2] = (TCGArg)a;
}

void tcg_gen_vec3(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a,
                  intptr_t b)
{
    TCGOp *op = vec_op(opc, vdesc, 3);

    op->args[1] = (TCGArg)d;
    op->args[2] = (TCGArg)a;
    op->args[3] = (TCGArg)b;
}

void tcg_gen_vec4(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a,
                  intptr_t b, intptr_t c)
{
    TCGOp *op = vec_op(opc, vdesc, 4);

    op->args[1] = (TCGArg)d;
    op->args[2] = (TCGArg)a;
    op->args[3] = (TCGArg)b;
    op->args[4] = (TCGArg)c;
}
