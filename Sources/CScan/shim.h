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

/// Whether `n` bytes could be one complete JSON value, judged by structure alone: every string closed, and as
/// many `{`/`[` as `}`/`]` outside strings. A line torn anywhere (after an inner `}`, inside a string) fails;
/// a valid line passes. Strings are found as simdjson's stage 1 finds them: a quote counts unless an odd run of
/// backslashes escapes it, and the bytes from an opening quote to its closing one are inside.
/// - Complexity: O(n), 64 bytes a step with no branch on the data.
static inline int usagelens_structure_closes(const uint8_t *p, size_t n) {
    const uint64_t even = 0x5555555555555555ULL, odd = ~even;
    uint64_t escape_carry = 0;  // 1: the block before ended in an odd run of backslashes
    uint64_t in_string = 0;     // all ones: the block before ended inside a string
    long balance = 0;
    uint8_t tail[64];
    for (size_t i = 0; i < n; i += 64) {
        const uint8_t *block = p + i;
        if (n - i < 64) {
            size_t k = 0;
            for (; k < n - i; k++) tail[k] = p[i + k];
            for (; k < 64; k++) tail[k] = 0x20;
            block = tail;
        }
        usagelens_block_masks m = usagelens_block_masks_of(block);
        // The characters escaped by an odd-length run of backslashes.
        uint64_t bs = m.backslash;
        uint64_t starts = bs & ~(bs << 1);
        uint64_t even_start_mask = even ^ escape_carry;
        uint64_t even_starts = starts & even_start_mask, odd_starts = starts & ~even_start_mask;
        uint64_t even_carries = bs + even_starts;
        uint64_t odd_carries = bs + odd_starts;
        uint64_t ends_odd = odd_carries < bs;  // the sum overflowed: the run goes on into the next block
        odd_carries |= escape_carry;
        escape_carry = ends_odd;
        uint64_t escaped = ((even_carries & ~bs) & odd) | ((odd_carries & ~bs) & even);
        // Quotes that open or close a string, and the bytes inside strings (a prefix XOR).
        uint64_t inside = m.quote & ~escaped;
        inside ^= inside << 1;
        inside ^= inside << 2;
        inside ^= inside << 4;
        inside ^= inside << 8;
        inside ^= inside << 16;
        inside ^= inside << 32;
        inside ^= in_string;
        in_string = (uint64_t)((int64_t)inside >> 63);
        // (An escaped bracket outside a string is no JSON either way; it is not counted, as an escaped quote.)
        balance += usagelens_popcount64(m.open & ~inside & ~escaped) - usagelens_popcount64(m.close & ~inside & ~escaped);
    }
    return balance == 0 && in_string == 0;
}

#endif
