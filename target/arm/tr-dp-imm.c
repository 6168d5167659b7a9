/* A64 decoder table, see target/arm/translate.h.  (Empty so far.) */
#include "target/arm/translate.h"

const A64Pattern a64_dp_imm_patterns[] = {
    { 0, 0, NULL, NULL },
};
