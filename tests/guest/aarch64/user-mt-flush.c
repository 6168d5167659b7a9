/*
 * Four threads each running a lot of distinct code while the code buffer
 * is tiny (user-mt-flush.accel: -accel tcg,tb-size=32K): the buffer fills
 * over and over and is flushed while other threads are in the middle of
 * generated code.  Every thread must compute the same checksum as the
 * main thread does alone, and the program must not crash.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t (*fn_t)(uint64_t);

/* 256 small distinct functions (each its own blocks). */
#define F(n)                                                             \
    __attribute__((noinline)) static uint64_t f##n(uint64_t x)           \
    {                                                                    \
        x = x * (2 * (n) + 3) + (n);                                     \
        if (x & (1u << ((n) & 15))) {                                    \
            x ^= x >> (((n) % 13) + 1);                                  \
        } else {                                                         \
            x += (uint64_t)(n) << (((n) % 29) + 3);                      \
        }                                                                \
        return x ^ ((x << 7) | ((n) * 0x9e37u));                         \
    }
#define F8(n) F(n##0) F(n##1) F(n##2) F(n##3) F(n##4) F(n##5) F(n##6) F(n##7)
#define F64(n) F8(n##0) F8(n##1) F8(n##2) F8(n##3) F8(n##4) F8(n##5) F8(n##6) F8(n##7)
F64(1) F64(2) F64(3) F64(4)

#define P(n) f##n,
#define P8(n) P(n##0) P(n##1) P(n##2) P(n##3) P(n##4) P(n##5) P(n##6) P(n##7)
#define P64(n) P8(n##0) P8(n##1) P8(n##2) P8(n##3) P8(n##4) P8(n##5) P8(n##6) P8(n##7)
static const fn_t fns[] = { P64(1) P64(2) P64(3) P64(4) };
#define NFN (sizeof(fns) / sizeof(fns[0]))

static uint64_t work(uint64_t seed)
{
    uint64_t x = seed;

    for (int round = 0; round < 60; round++) {
        /* Visit the functions in an order that changes every round. */
        for (unsigned i = 0; i < NFN; i++) {
            x = fns[(i * 37 + round * 11) % NFN](x);
        }
    }
    return x;
}

static uint64_t results[4];

static void *thread_main(void *arg)
{
    long id = (long)arg;
    results[id] = work(12345);
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    uint64_t want = work(12345);
    int same = 0;

    for (long i = 0; i < 4; i++) {
        pthread_create(&th[i], NULL, thread_main, (void *)i);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
    }
    for (int i = 0; i < 4; i++) {
        same += results[i] == want;
    }
    printf("%u functions, checksum %016llx, threads agreeing: %d of 4\n",
           (unsigned)NFN, (unsigned long long)want, same);
    return 0;
}
