/* test_csv: the CSV dialect (see include/wfsim/csv.h), with every expected
 * field and byte worked out by hand. */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/csv.h"

/* csv_split of a copy of `line`; the fields joined with '|' into out. */
static int split_joined(const char *line, char *out, size_t size)
{
    char copy[256], *field[8];
    snprintf(copy, sizeof copy, "%s", line);
    int n = csv_split(copy, field, 8);
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? "|" : "", field[i]);
    return n;
}

struct split_case {
    const char *line;
    int n;              /* fields, or -1 */
    const char *joined; /* the fields joined with '|' */
};

static void check_splits(const struct split_case *c, size_t n)
{
    char got[256];
    for (size_t i = 0; i < n; i++) {
        int fields = split_joined(c[i].line, got, sizeof got);
        if (fields != c[i].n || (fields >= 0 && strcmp(got, c[i].joined) != 0))
            fail_msg("csv_split(%s) gave %d fields \"%s\", want %d \"%s\"", c[i].line, fields, got,
                     c[i].n, c[i].joined);
    }
}

static void test_csv_split_plain_and_empty_fields(void **state)
{
    (void)state;
    static const struct split_case c[] = {
        {"2024,Local authority,E09000028", 3, "2024|Local authority|E09000028"},
        {",,", 3, "||"}, /* three empty fields */
        {"x,", 2, "x|"}, /* a trailing comma ends with an empty field */
        {"", 1, ""},     /* an empty line is one empty field */
    };
    check_splits(c, sizeof c / sizeof c[0]);
}

static void test_csv_split_quoted_fields(void **state)
{
    (void)state;
    static const struct split_case c[] = {
        /* a comma inside quotes stays in the field */
        {"E06000023,\"Bristol, City of\",x", 3, "E06000023|Bristol, City of|x"},
        /* "" inside quotes is one quote; """" is a field holding one quote */
        {"\"Foo \"\"Bar\"\", City of\",\"\"\"\"", 2, "Foo \"Bar\", City of|\""},
        /* "" alone is an empty field, not a quote */
        {"\"\",a", 2, "|a"},
        /* a quote inside an unquoted field is an ordinary character */
        {"5\" disk,b", 2, "5\" disk|b"},
    };
    check_splits(c, sizeof c / sizeof c[0]);
}

static void test_csv_split_rejects_bad_quotes(void **state)
{
    (void)state;
    static const struct split_case c[] = {
        {"a,\"unterminated", -1, NULL},
        {"\"ends with a doubled quote\"\"", -1, NULL},
        {"\"closed\"then more,b", -1, NULL},
    };
    check_splits(c, sizeof c / sizeof c[0]);
}

static void test_csv_split_keeps_at_most_max_fields(void **state)
{
    (void)state;
    char line[] = "a,b,c,d", *field[2];
    assert_int_equal(csv_split(line, field, 2), 2);
    assert_string_equal(field[0], "a");
    assert_string_equal(field[1], "b");
}

/* What a writer function put on a stream. */
#define WRITTEN(call, buf)                                                                         \
    do {                                                                                           \
        char *text_ = NULL;                                                                        \
        size_t len_ = 0;                                                                           \
        FILE *f = open_memstream(&text_, &len_);                                                   \
        assert_non_null(f);                                                                        \
        call;                                                                                      \
        assert_int_equal(fclose(f), 0);                                                            \
        snprintf(buf, sizeof buf, "%s", text_);                                                    \
        free(text_);                                                                               \
    } while (0)

static void test_csv_quote_doubles_inner_quotes(void **state)
{
    (void)state;
    char got[256];
    WRITTEN(csv_quote(f, "Southwark"), got);
    assert_string_equal(got, "\"Southwark\"");
    WRITTEN(csv_quote(f, ""), got);
    assert_string_equal(got, "\"\"");
    WRITTEN(csv_quote(f, "Foo \"Bar\", City of"), got);
    assert_string_equal(got, "\"Foo \"\"Bar\"\", City of\"");
    /* and csv_split reads back what csv_quote wrote */
    char *field[2];
    assert_int_equal(csv_split(got, field, 2), 1);
    assert_string_equal(field[0], "Foo \"Bar\", City of");
}

static void test_csv_number_formats(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.0237, ",0.0237"},
        {0.1 + 0.2, ",0.3"},      /* 0.30000000000000004 to six digits */
        {2.0 / 3.0, ",0.666667"}, /* six significant digits, rounded */
        {241, ",241"},            /* no trailing zeros or point */
        {1234.5678, ",1234.57"},  /* six significant digits */
        {0.000012345678, ",1.23457e-05"},
        {99999.94, ",99999.9"}, /* below 1e5: six digits */
        {99999.96, ",100000"},  /* rounds up to six digits, still no exponent */
        {1e5, ",100000"},       /* from 1e5: whole units */
        {123456.7, ",123457"},  /* %.6g would write 1.23457e+05 */
        {320461, ",320461"},
        {-2500000.4, ",-2500000"},
        {0.0, ",0"},
        {-0.0, ",-0"}, /* as printf writes it */
    };
    char got[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        WRITTEN(csv_number(f, cases[i].v), got);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("csv_number(%.17g) wrote \"%s\", want \"%s\"", cases[i].v, got, cases[i].want);
    }
    WRITTEN(csv_number(f, NAN), got);
    assert_string_equal(got, ",NA");
    WRITTEN(csv_number(f, -NAN), got);
    assert_string_equal(got, ",NA");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_split_plain_and_empty_fields),
        cmocka_unit_test(test_csv_split_quoted_fields),
        cmocka_unit_test(test_csv_split_rejects_bad_quotes),
        cmocka_unit_test(test_csv_split_keeps_at_most_max_fields),
        cmocka_unit_test(test_csv_quote_doubles_inner_quotes),
        cmocka_unit_test(test_csv_number_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
