/*
 * Self-modifying code and guest JITs in user mode: code written into
 * pages that are writable and executable at once, then run.
 *   1. a JIT loop: write "movz w0, #i; ret" into an RWX page, clear the
 *      cache, call it; other functions on the same page keep working;
 *   2. a function that patches an instruction of its own block, then ISB
 *      (the new instruction must run right after);
 *   3. the program's own text made RWX with mprotect and patched;
 *   4. read() from a pipe straight into a page holding translated code
 *      (the kernel writes it: no EFAULT);
 *   5. two threads generating code into the same page at once;
 *   6. a thread spinning in a loop while another thread patches the
 *      loop's NOP into a branch out of it.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define INSN_RET  0xd65f03c0u
#define INSN_NOP  0xd503201fu

static uint32_t movz_w0(unsigned imm)
{
    return 0x52800000u | (imm & 0xffff) << 5;
}

static uint32_t branch(int words)
{
    return 0x14000000u | ((uint32_t)words & 0x3ffffff);
}

typedef int (*fn_t)(void);

static void emit(uint32_t *p, const uint32_t *insns, int n)
{
    memcpy(p, insns, n * 4);
    __builtin___clear_cache((char *)p, (char *)(p + n));
}

/* 2: patches the instruction at "slot" with w0, then runs it. */
int patch_self(uint32_t insn);
int patch_self_end(void);
__asm__(
    ".text\n"
    ".global patch_self\n"
    ".global patch_self_end\n"
    "patch_self:\n"
    "    adr  x1, 1f\n"
    "    str  w0, [x1]\n"
    "    dc   cvau, x1\n"
    "    dsb  ish\n"
    "    ic   ivau, x1\n"
    "    dsb  ish\n"
    "    isb\n"
    "1:  mov  w0, #0\n"
    "    ret\n"
    "patch_self_end:\n");

/* 3: a function in the program's text, patched in place. */
__attribute__((noinline, aligned(64))) int text_target(void)
{
    return 5;
}

static uint32_t *page;

/* 5: each thread owns a slot on the shared page. */
static void *jit_thread(void *arg)
{
    long id = (long)arg;
    uint32_t *slot = page + 256 + id * 16;
    long bad = 0;

    for (unsigned i = 0; i < 3000; i++) {
        unsigned v = (i * 7 + id * 1000) & 0xffff;
        uint32_t code[2] = { movz_w0(v), INSN_RET };
        emit(slot, code, 2);
        if (((fn_t)slot)() != (int)v) {
            bad++;
        }
    }
    return (void *)bad;
}

/* 6: spins at page[512] until the NOP becomes "b +8". */
static volatile int spinner_started;
static void *spin_thread(void *arg)
{
    (void)arg;
    spinner_started = 1;
    return (void *)(long)((fn_t)(page + 512))();
}

int main(void)
{
    long pagesz = sysconf(_SC_PAGESIZE);
    int sum = 0, bad = 0;

    page = mmap(NULL, pagesz, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }

    /* 1. */
    {
        uint32_t keep[2] = { movz_w0(4242), INSN_RET };
        emit(page + 64, keep, 2);
        for (unsigned i = 0; i < 200; i++) {
            uint32_t code[2] = { movz_w0(i), INSN_RET };
            emit(page, code, 2);
            sum += ((fn_t)page)();
            if (((fn_t)(page + 64))() != 4242) {
                bad++;
            }
        }
        printf("jit loop: sum %d (expect %d), neighbour wrong %d times\n",
               sum, 199 * 200 / 2, bad);
    }

    /* 2. */
    {
        size_t len = (char *)patch_self_end - (char *)patch_self;
        int (*ps)(uint32_t) = (int (*)(uint32_t))(page + 128);
        bad = 0;
        memcpy(page + 128, (void *)patch_self, len);
        __builtin___clear_cache((char *)(page + 128), (char *)(page + 128) + len);
        for (unsigned k = 1; k <= 50; k++) {
            if (ps(movz_w0(k)) != (int)k) {
                bad++;
            }
        }
        printf("self-patching block: wrong %d of 50\n", bad);
    }

    /* 3. */
    {
        uintptr_t t = (uintptr_t)text_target;
        void *tp = (void *)(t & ~(uintptr_t)(pagesz - 1));
        volatile fn_t f = text_target;
        uint32_t orig[2], patched[2] = { movz_w0(77), INSN_RET };
        int a, b, c;

        a = f();
        if (mprotect(tp, pagesz * 2, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
            perror("mprotect");
            return 1;
        }
        memcpy(orig, (void *)t, 8);
        emit((uint32_t *)t, patched, 2);
        b = f();
        emit((uint32_t *)t, orig, 2);
        c = f();
        mprotect(tp, pagesz * 2, PROT_READ | PROT_EXEC);
        printf("own text: %d, patched %d, restored %d\n", a, b, c);
    }

    /* 4. */
    {
        int fds[2];
        uint32_t code[2] = { movz_w0(33), INSN_RET }, old[2] = { movz_w0(1), INSN_RET };
        ssize_t n;
        int before, after;

        emit(page + 192, old, 2);
        before = ((fn_t)(page + 192))();
        if (pipe(fds) != 0 || write(fds[1], code, 8) != 8) {
            perror("pipe");
            return 1;
        }
        n = read(fds[0], page + 192, 8);
        __builtin___clear_cache((char *)(page + 192), (char *)(page + 194));
        after = ((fn_t)(page + 192))();
        printf("read() into code: %zd bytes, %d then %d\n", n, before, after);
    }

    /* 5. */
    {
        pthread_t th[2];
        long total = 0;
        for (long i = 0; i < 2; i++) {
            pthread_create(&th[i], NULL, jit_thread, (void *)i);
        }
        for (int i = 0; i < 2; i++) {
            void *r;
            pthread_join(th[i], &r);
            total += (long)r;
        }
        printf("two JIT threads on one page: %ld wrong results\n", total);
    }

    /* 6. */
    {
        uint32_t loop[4] = { INSN_NOP, branch(-1), movz_w0(42), INSN_RET };
        uint32_t out = branch(2);
        pthread_t th;
        void *r;

        emit(page + 512, loop, 4);
        pthread_create(&th, NULL, spin_thread, NULL);
        while (!spinner_started) {
            usleep(1000);
        }
        usleep(20000);      /* let it spin in the translated loop */
        emit(page + 512, &out, 1);
        pthread_join(th, &r);
        printf("spinning thread left its patched loop: %ld\n", (long)r);
    }
    return 0;
}
