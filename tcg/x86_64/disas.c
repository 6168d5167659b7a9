/*
 * Disassembly of generated x86-64 code (-d out_asm) with capstone.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include "x86-backend.h"

void x86_disas(FILE *f, const void *code_rx, size_t size)
{
    csh handle;
    cs_insn *insn;
    const uint8_t *code = code_rx;
    uint64_t addr = (uintptr_t)code_rx;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable, %zu bytes)\n", size);
        return;
    }
    cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);
    insn = cs_malloc(handle);
    while (size > 0 && cs_disasm_iter(handle, &code, &size, &addr, insn)) {
        fprintf(f, "0x%" PRIx64 ":  %s %s\n", insn->address, insn->mnemonic,
                insn->op_str);
    }
    cs_free(insn, 1);
    cs_close(&handle);
}
