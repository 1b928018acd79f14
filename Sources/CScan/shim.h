#ifndef USAGELENS_CSCAN_SHIM_H
#define USAGELENS_CSCAN_SHIM_H
// A byte-scanning kernel for the parse stage, where Swift does not vectorize: a loop over a line that a vector
// unit does 16 bytes at a time (SSE2, in every x86-64; plain C elsewhere, with the same result).
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// One 64-byte block's masks: bit k is set when byte k is a quote, a backslash, `{`/`[` or `}`/`]`.
typedef struct {
    uint64_t quote, backslash, open, close;
} usagelens_block_masks;

static inline usagelens_block_masks usagelens_block_masks_of(const uint8_t *p) {
    usagelens_block_masks m = {0, 0, 0, 0};
#if defined(__SSE2__)
    // `[` and `]` are `{` and `}` without bit 0x20, and no other byte is: one compare each after an OR.
    const __m128i lower = _mm_set1_epi8(0x20), open = _mm_set1_epi8(0x7B), close = _mm_set1_epi8(0x7D);
    const __m128i quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C);
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i w = _mm_or_si128(v, lower);
        m.quote |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << (16 * k);
        m.backslash |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)) << (16 * k);
        m.open |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(w, open)) << (16 * k);
        m.close |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(w, close)) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        uint8_t c = p[k], w = c | 0x20;
        m.quote |= (uint64_t)(c == 0x22) << k;
        m.backslash |= (uint64_t)(c == 0x5C) << k;
        m.open |= (uint64_t)(w == 0x7B) << k;
        m.close |= (uint64_t)(w == 0x7D) << k;
    }
#endif
    return m;
}

static inline int usagelens_popcount64(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
}

/// One 64-byte block of the structure check (see `usagelens_structure_closes`): updates the carries and returns
/// the block's brackets outside strings, opening minus closing. `quotes_inside` turns the unescaped quote bits
/// into the in-string mask (a prefix XOR).
#define USAGELENS_STRUCTURE_BLOCK(m, escape_carry, in_string, PREFIX_XOR, POPCOUNT)                              \
    ({                                                                                                         \
        const uint64_t even_ = 0x5555555555555555ULL, odd_ = ~even_;                                           \
        uint64_t bs_ = (m).backslash;                                                                          \
        uint64_t escaped_ = 0;                                                                                 \
        if (bs_ | (escape_carry)) {                                                                            \
            uint64_t starts_ = bs_ & ~(bs_ << 1);                                                              \
            uint64_t even_start_mask_ = even_ ^ (escape_carry);                                                \
            uint64_t even_carries_ = bs_ + (starts_ & even_start_mask_);                                       \
            uint64_t odd_carries_ = bs_ + (starts_ & ~even_start_mask_);                                       \
            uint64_t ends_odd_ = odd_carries_ < bs_;                                                           \
            odd_carries_ |= (escape_carry);                                                                    \
            (escape_carry) = ends_odd_;                                                                        \
            escaped_ = ((even_carries_ & ~bs_) & odd_) | ((odd_carries_ & ~bs_) & even_);                      \
        }                                                                                                      \
        uint64_t inside_ = PREFIX_XOR((m).quote & ~escaped_) ^ (in_string);                                    \
        (in_string) = (uint64_t)((int64_t)inside_ >> 63);                                                      \
        uint64_t outside_ = ~inside_ & ~escaped_;                                                              \
        (long)POPCOUNT((m).open & outside_) - (long)POPCOUNT((m).close & outside_);                            \
    })

static inline uint64_t usagelens_prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/// The 64 bytes at `i`, or the last bytes padded with spaces into `tail` when fewer are left.
static inline const uint8_t *usagelens_block_at(const uint8_t *p, size_t i, size_t n, uint8_t *tail) {
    if (n - i >= 64) return p + i;
    size_t k = 0;
    for (; k < n - i; k++) tail[k] = p[i + k];
    for (; k < 64; k++) tail[k] = 0x20;
    return tail;
}

static inline int usagelens_structure_closes_portable(const uint8_t *p, size_t n) {
    uint64_t escape_carry = 0, in_string = 0;
    long balance = 0;
    uint8_t tail[64];
    for (size_t i = 0; i < n; i += 64) {
        const uint8_t *block = usagelens_block_at(p, i, n, tail);
        usagelens_block_masks m = usagelens_block_masks_of(block);
        balance += USAGELENS_STRUCTURE_BLOCK(m, escape_carry, in_string, usagelens_prefix_xor, usagelens_popcount64);
    }
    return balance == 0 && in_string == 0;
}

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>
__attribute__((target("avx2,pclmul,popcnt"))) static inline uint64_t usagelens_prefix_xor_clmul(uint64_t x) {
    return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xFF), 0));
}

__attribute__((target("avx2,pclmul,popcnt"))) static inline int usagelens_structure_closes_avx2(const uint8_t *p, size_t n) {
    const __m256i lower = _mm256_set1_epi8(0x20), open = _mm256_set1_epi8(0x7B), close = _mm256_set1_epi8(0x7D);
    const __m256i quote = _mm256_set1_epi8(0x22), backslash = _mm256_set1_epi8(0x5C);
    uint64_t escape_carry = 0, in_string = 0;
    long balance = 0;
    uint8_t tail[64];
    for (size_t i = 0; i < n; i += 64) {
        const uint8_t *block = usagelens_block_at(p, i, n, tail);
        __m256i a = _mm256_loadu_si256((const __m256i *)block), b = _mm256_loadu_si256((const __m256i *)(block + 32));
        __m256i la = _mm256_or_si256(a, lower), lb = _mm256_or_si256(b, lower);
#define USAGELENS_MASK64(x, y) \
    ((uint64_t)(uint32_t)_mm256_movemask_epi8(x) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(y) << 32))
        usagelens_block_masks m;
        m.quote = USAGELENS_MASK64(_mm256_cmpeq_epi8(a, quote), _mm256_cmpeq_epi8(b, quote));
        m.backslash = USAGELENS_MASK64(_mm256_cmpeq_epi8(a, backslash), _mm256_cmpeq_epi8(b, backslash));
        m.open = USAGELENS_MASK64(_mm256_cmpeq_epi8(la, open), _mm256_cmpeq_epi8(lb, open));
        m.close = USAGELENS_MASK64(_mm256_cmpeq_epi8(la, close), _mm256_cmpeq_epi8(lb, close));
#undef USAGELENS_MASK64
        balance += USAGELENS_STRUCTURE_BLOCK(m, escape_carry, in_string, usagelens_prefix_xor_clmul, _mm_popcnt_u64);
    }
    return balance == 0 && in_string == 0;
}
#endif

/// Whether `n` bytes could be one complete JSON value, judged by structure alone: every string closed, and as
/// many `{`/`[` as `}`/`]` outside strings. A line torn anywhere (after an inner `}`, inside a string) fails;
/// a valid line passes. Strings are found as simdjson's stage 1 finds them: a quote counts unless an odd run of
/// backslashes escapes it, and the bytes from an opening quote to its closing one are inside (an escaped
/// bracket outside a string is no JSON either way, and is not counted). With AVX2, PCLMUL and POPCNT (checked
/// once) 64 bytes take a few instructions; else SSE2; else plain C; the answer is the same.
/// - Complexity: O(n), 64 bytes a step.
static inline int usagelens_structure_closes(const uint8_t *p, size_t n) {
#if defined(__x86_64__) && defined(__clang__)
    static int fast = -1;
    if (fast < 0) {
        __builtin_cpu_init();
        fast = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("popcnt");
    }
    if (fast) return usagelens_structure_closes_avx2(p, n);
#endif
    return usagelens_structure_closes_portable(p, n);
}

/// The offset of the first byte in `n` bytes at `p` that is a quote, a backslash or a control byte (< 0x20),
/// or `n` when there is none: where a scan through a JSON string must stop and look.
static inline size_t usagelens_next_string_special(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C), below = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        // v <= 0x1F (unsigned) exactly when min(v, 0x1F) == v.
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
        int mask = _mm_movemask_epi8(hit);
        if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i < n; i++) {
        uint8_t c = p[i];
        if (c == 0x22 || c == 0x5C || c < 0x20) return i;
    }
    return n;
}

#endif
