/*
 * The value generated code returns to the execution loop: the address of
 * the last block that ran (TranslationBlock structures are at least
 * 4-byte aligned) or'ed with why it stopped.
 */
#ifndef EXEC_TB_EXIT_H
#define EXEC_TB_EXIT_H

#define TB_EXIT_MASK      3
#define TB_EXIT_IDX0      0   /* took goto_tb slot 0 while unlinked */
#define TB_EXIT_IDX1      1   /* took goto_tb slot 1 while unlinked */
#define TB_EXIT_IDXMAX    1
#define TB_EXIT_REQUESTED 3   /* the interrupt-check word was set */

#endif
