/* test_month: calendar months and DfE reporting years. */
#include "support/testutil.h"

#include <string.h>

#include "wfsim/month.h"

static void test_month_parse_valid(void **state)
{
    (void)state;
    int m = 0;
    assert_int_equal(month_parse("2024-09", &m), 0);
    assert_int_equal(month_year(m), 2024);
    assert_int_equal(month_of_year(m), 9);
    char buf[16];
    month_format(m + 4, buf, sizeof buf);
    assert_string_equal(buf, "2025-01");
}

static void test_month_parse_rejects_bad_text(void **state)
{
    (void)state;
    int m = 0;
    const char *bad[] = {"2024-13",  "2024-00", "24-09",   "2024/09",
                         "2024-09x", "",        "abcd-ef", "2024-9"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(month_parse(bad[i], &m), -1);
    assert_int_equal(month_parse(NULL, &m), -1);
}

static void test_month_reporting_year_runs_october_to_september(void **state)
{
    (void)state;
    int sep = 0, oct = 0;
    month_parse("2024-09", &sep);
    month_parse("2024-10", &oct);
    assert_int_equal(month_reporting_year(sep), 2024);
    assert_int_equal(month_reporting_year(oct), 2025);
    assert_int_equal(month_reporting_year(oct + 11), 2025); /* 2025-09 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_parse_valid),
        cmocka_unit_test(test_month_parse_rejects_bad_text),
        cmocka_unit_test(test_month_reporting_year_runs_october_to_september),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
