/*
 * Printing the op list for -d op / -d op_opt.  One line per op:
 *   add_i64 tmp3,x0,$0x10
 * temps print as their global name, "tmpN" (EBB), "loc N" (TB temps) or
 * "$value" (constants); "dead:"/"sync:" show liveness when requested.
 */
#include <inttypes.h>
#include <string.h>

#include "tcg/tcg.h"
#include "tcg/tcg-vec.h"


const char *tcg_cond_name(TCGCond c)
{
    static const char *const names[16] = {
        [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
        [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
        [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
        [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
        [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
        [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
    };
    return (unsigned)c < 16 && names[c] ? names[c] : "?";
}

static int print_temp(TCGContext *s, FILE *f, TCGArg a)
{
    TCGTemp *ts = &s->temps[a];

    switch (ts->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        return fprintf(f, "%s", ts->name);
    case TEMP_CONST:
        return fprintf(f, "$0x%" PRIx64, ts->type == TCG_TYPE_I32
                       ? (uint64_t)(uint32_t)ts->val : (uint64_t)ts->val);
    case TEMP_TB:
        return fprintf(f, "loc%d", (int)(a - s->nb_globals));
    default:
        return fprintf(f, "tmp%d", (int)(a - s->nb_globals));
    }
}

static void print_memop(FILE *f, MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    static const char sz[] = "bwlq";
    unsigned align = memop_alignment(mop);

    fprintf(f, "%s%s%c", (mop & MO_BSWAP) ? "be" : "le",
            (mop & MO_SIGN) ? "s" : "u", sz[mop & MO_SIZE]);
    if (align > 1) {
        fprintf(f, "+al%u", align);
    }
    if (mop & MO_FOLLOW) {
        fprintf(f, "+follow");
    }
    fprintf(f, ",%u", get_mmuidx(oi));
}

void tcg_dump_ops(TCGContext *s, FILE *f, bool with_life)
{
    QTAILQ_FOREACH_OP(op, s) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o, nb_i, nb_c, k = 0;
        int col = 0;

        if (op->opc == INDEX_op_insn_start) {
            fprintf(f, "\n ----");
            for (int i = 0; i < TCG_INSN_START_WORDS; i++) {
                fprintf(f, " 0x%" PRIx64, (uint64_t)op->args[i]);
            }
            fputc('\n', f);
            continue;
        }
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info;
            nb_o = op->call_oargs;
            nb_i = op->call_iargs;
            info = (const TCGHelperInfo *)(uintptr_t)op->args[nb_o + nb_i + 1];
            col += fprintf(f, " call %s,$0x%x", info->name, info->flags);
            for (int i = 0; i < nb_o + nb_i; i++) {
                col += fputs(",", f) >= 0;
                col += print_temp(s, f, op->args[i]);
            }
        } else if (def->flags & TCG_OPF_VEC) {
            /* vec_add.32x4 env,$d,$a,$b [imm] */
            uint32_t vd = (uint32_t)op->args[def->nb_args - 1];
            unsigned vece = vdesc_vece(vd);

            col += fprintf(f, " %s.%ux%u ", def->name, 8u << vece,
                           vdesc_oprsz(vd) >> vece);
            col += print_temp(s, f, op->args[0]);
            for (int i = 1; i < def->nb_args - 1; i++) {
                col += fprintf(f, ",$0x%" PRIx64, (uint64_t)op->args[i]);
            }
            if (op->opc == INDEX_op_vec_cmp) {
                col += fprintf(f, ",%s", tcg_cond_name((TCGCond)vdesc_imm(vd)));
            } else if (vdesc_imm(vd)) {
                col += fprintf(f, ",#%u", vdesc_imm(vd));
            }
        } else {
            nb_o = def->nb_oargs;
            nb_i = def->nb_iargs;
            nb_c = def->nb_cargs;
            if ((def->flags & TCG_OPF_INT) && !strstr(def->name, "_i")) {
                col += fprintf(f, " %s_%s", def->name,
                               op->type == TCG_TYPE_I32 ? "i32" : "i64");
            } else {
                col += fprintf(f, " %s", def->name);
            }
            for (int i = 0; i < nb_o + nb_i; i++) {
                col += fprintf(f, "%s", k++ ? "," : " ");
                col += print_temp(s, f, op->args[i]);
            }
            for (int i = nb_o + nb_i; i < nb_o + nb_i + nb_c; i++) {
                TCGArg a = op->args[i];
                col += fprintf(f, "%s", k++ ? "," : " ");
                switch (op->opc) {
                case INDEX_op_brcond:
                case INDEX_op_setcond:
                case INDEX_op_movcond:
                    if (i == nb_o + nb_i) {
                        col += fprintf(f, "%s", tcg_cond_name((TCGCond)a));
                        continue;
                    }
                    break;
                case INDEX_op_qemu_ld:
                case INDEX_op_qemu_st:
                    print_memop(f, (MemOpIdx)a);
                    continue;
                default:
                    break;
                }
                if ((op->opc == INDEX_op_brcond && i == nb_o + nb_i + 1) ||
                    op->opc == INDEX_op_br || op->opc == INDEX_op_set_label) {
                    col += fprintf(f, "$L%d", (int)a);
                } else {
                    col += fprintf(f, "$0x%" PRIx64, (uint64_t)a);
                }
            }
        }
        if (with_life && op->life) {
            fprintf(f, "%*s", col < 40 ? 40 - col : 1, "");
            if (op->life & (DEAD_ARG(0) * 0xffff)) {
                fprintf(f, " dead:");
                for (int i = 0; i < 16; i++) {
                    if (IS_DEAD_ARG(op->life, i)) {
                        fprintf(f, " %d", i);
                    }
                }
            }
            if (op->life & 3) {
                fprintf(f, " sync:");
                for (int i = 0; i < 2; i++) {
                    if (NEED_SYNC_ARG(op->life, i)) {
                        fprintf(f, " %d", i);
                    }
                }
            }
        }
        fputc('\n', f);
    }
}
