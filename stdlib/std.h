/* The std.* functions as plain C-ABI functions over the runtime's value representation.
 * The interpreter calls them directly; JIT code calls the same symbols (see README.md for
 * the LLVM lowering of every parameter type). Usable from C and C++.
 *
 * Values: string = (const char* data, int64_t len) UTF-8, passed as two parameters;
 * int/duration/timestamp = int64_t (seconds / microseconds since the epoch, UTC);
 * date = int32_t days since 1970-01-01; float = double; bool = bool.
 * Every function is thread-safe; prepared objects may be queried concurrently. */
#ifndef GAI_STDLIB_STD_H
#define GAI_STDLIB_STD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gai_str {
  const char* data;
  int64_t len;
} gai_str;

/* Status of a fallible function: 0 on success; otherwise the result out-parameter is left
 * untouched and gai_std_error_message() gives the runtime error text. */
typedef int32_t gai_std_status;
enum {
  GAI_STD_OK = 0,
  GAI_STD_ERR_ABS_OVERFLOW = 1,  /* "integer overflow in math.abs" */
  GAI_STD_ERR_OFFSET_RANGE = 2,  /* "offset out of range in time.date_of" */
  GAI_STD_ERR_OUT_OF_MEMORY = 3, /* "out of memory" (the allocator returned NULL) */
  GAI_STD_ERR_DATE_RANGE = 4,    /* "date out of range in time.date_of" (past 0001..9999) */
};
/* Stable English text for a status; "" for GAI_STD_OK; never NULL. */
const char* gai_std_error_message(gai_std_status status);

/* Allocates `size` bytes (alignment 1 suffices) that live at least as long as the result is
 * used, e.g. from the evaluation arena; returns NULL on failure. Never asked for 0 bytes. */
typedef void* (*gai_alloc_fn)(void* ctx, int64_t size);

/* time.date_of(ts, offset_hours) accepts offsets in [-24, 24]. */
#define GAI_STD_MAX_OFFSET_HOURS 24

/* ---- Prepared objects, built once (at compile time) and shared read-only. ---- */

/* A compiled keyword set for text.contains_any / text.count_terms. Empty terms are ignored;
 * duplicate terms are collapsed. Building never fails except for allocation (NULL). */
typedef struct gai_terms gai_terms;
gai_terms* gai_terms_new(const gai_str* terms, int64_t count);
/* The same set for queries about text.lower(s): contains_any / count_terms with it answer
 * exactly what they answer for the lowered text with gai_terms_new's set, without lowering s
 * (a caseless scan; s is lowered only when it holds a code point that could make the
 * caseless answer wrong, e.g. U+212A KELVIN SIGN for a term with `k`). The compiler uses it
 * for text.contains_any(text.lower(x), T) and text.count_terms(text.lower(x), T). If memory
 * runs out while lowering, contains_any answers false and count_terms 0. */
gai_terms* gai_terms_new_lowered(const gai_str* terms, int64_t count);
/* Whether the set was made by gai_terms_new_lowered. */
bool gai_terms_lowered(const gai_terms* terms);
void gai_terms_free(gai_terms* terms);
/* Number of distinct non-empty terms in the set. */
int64_t gai_terms_size(const gai_terms* terms);

/* An RE2 pattern (UTF-8, unanchored). gai_regex_new returns NULL only when out of memory;
 * check gai_regex_ok and read gai_regex_error (owned by the object, valid until freed). */
typedef struct gai_regex gai_regex;
gai_regex* gai_regex_new(const char* pattern, int64_t len);
bool gai_regex_ok(const gai_regex* re);
const char* gai_regex_error(const gai_regex* re);
void gai_regex_free(gai_regex* re);

/* ---- std.text ---- */

/* Code points. For invalid UTF-8 (never bound input): the number of non-continuation bytes. */
int64_t gai_std_text_length(const char* s, int64_t len);
/* Unicode simple case mapping (Unicode 15.0), no locale. The result may alias the input when
 * nothing changes; otherwise it is allocated with `alloc`. Invalid bytes are copied as is. */
gai_std_status gai_std_text_lower(const char* s, int64_t len, gai_alloc_fn alloc, void* ctx,
                                  gai_str* out);
gai_std_status gai_std_text_upper(const char* s, int64_t len, gai_alloc_fn alloc, void* ctx,
                                  gai_str* out);
/* Byte-exact; the empty needle occurs everywhere. */
bool gai_std_text_contains(const char* s, int64_t len, const char* sub, int64_t sub_len);
bool gai_std_text_starts_with(const char* s, int64_t len, const char* p, int64_t p_len);
bool gai_std_text_ends_with(const char* s, int64_t len, const char* p, int64_t p_len);
/* Unanchored RE2 search; false when `re` did not compile. */
bool gai_std_text_matches(const char* s, int64_t len, const gai_regex* re);
/* Some non-empty term occurs in s (byte-exact). */
bool gai_std_text_contains_any(const char* s, int64_t len, const gai_terms* terms);
/* How many distinct non-empty terms occur at least once (overlaps and nested terms count). */
int64_t gai_std_text_count_terms(const char* s, int64_t len, const gai_terms* terms);
/* The same over an unprepared set (e.g. a set<string> from input): `terms` holds distinct
 * strings, as sets do. Linear in the number of terms; prefer gai_terms for constants. */
bool gai_std_text_contains_any_list(const char* s, int64_t len, const gai_str* terms,
                                    int64_t count);
int64_t gai_std_text_count_terms_list(const char* s, int64_t len, const gai_str* terms,
                                      int64_t count);

/* ---- std.time ---- */

/* Whole units of a duration in seconds, truncated toward zero. */
int64_t gai_std_time_days(int64_t seconds);
int64_t gai_std_time_hours(int64_t seconds);
int64_t gai_std_time_minutes(int64_t seconds);
/* Calendar date (days since the epoch) of a timestamp (microseconds) in UTC. */
int32_t gai_std_time_date_of(int64_t micros);
/* At UTC+offset_hours; GAI_STD_ERR_OFFSET_RANGE when |offset_hours| > 24,
 * GAI_STD_ERR_DATE_RANGE when that date falls outside years 0001..9999. */
gai_std_status gai_std_time_date_of_offset(int64_t micros, int64_t offset_hours, int32_t* out);

/* ---- std.math ---- */

/* GAI_STD_ERR_ABS_OVERFLOW for INT64_MIN. */
gai_std_status gai_std_math_abs_int(int64_t x, int64_t* out);
double gai_std_math_abs_float(double x);
int64_t gai_std_math_min_int(int64_t a, int64_t b);
int64_t gai_std_math_max_int(int64_t a, int64_t b);
/* IEEE 754 minNum/maxNum (C fmin/fmax): a NaN operand yields the other operand, NaN only
 * when both are NaN; min(-0.0, +0.0) is -0.0 and max(-0.0, +0.0) is +0.0. */
double gai_std_math_min_float(double a, double b);
double gai_std_math_max_float(double a, double b);

#ifdef __cplusplus
}
#endif

#endif /* GAI_STDLIB_STD_H */
