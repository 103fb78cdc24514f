/* test_dfe: reading the DfE workforce indicators (see include/wfsim/dfe.h): real
 * rows with every suppression code, names with commas, row counts; small
 * hand-written files for column order, missing columns, bad cells, quotes,
 * empty cells and unknown levels; finding areas and suggesting names. */
#include "support/dfe_testutil.h"

static const struct dfe_row *row_of(const char *area, int year)
{
    const struct dfe_row *r = dfe_find(&shipped, area, year);
    if (r == NULL)
        fail_msg("no row for %s in %d", area, year);
    return r;
}

static void assert_marker(const struct dfe_row *r, int field, int status)
{
    if (r->f[field].status != status)
        fail_msg("%s %d %s: status \"%s\", want \"%s\"", r->name, r->year, dfe_field_name(field),
                 dfe_status_name(r->f[field].status), dfe_status_name(status));
    assert_true(isnan(dfe_get(r, field)));
}

static void assert_number(const struct dfe_row *r, int field, double v)
{
    assert_int_equal(r->f[field].status, DFE_OK);
    assert_close(dfe_get(r, field), v, 0); /* strtod of the same text: exact */
}

/* Sunderland 2024:
 * 227.4,239,29.3,31,u,28,u,11.7,low,2,low,0.8,low,100,10,4.2,0.4,104.2,1792,17.2,1936.5,3.4 */
static void test_dfe_real_row_with_u_and_low(void **state)
{
    (void)state;
    const struct dfe_row *r = row_of("Sunderland", 2024);
    assert_string_equal(r->code, "E08000024");
    assert_string_equal(r->region, "North East");
    assert_string_equal(r->region_code, "E12000001");
    assert_int_equal(r->level, DFE_LOCAL);
    assert_marker(r, DFE_LEAVERS, DFE_U);
    assert_marker(r, DFE_TURNOVER_RATE, DFE_U);
    assert_marker(r, DFE_AGENCY, DFE_LOW);
    assert_marker(r, DFE_AGENCY_RATE, DFE_LOW);
    assert_marker(r, DFE_AGENCY_COVER, DFE_LOW);
    assert_number(r, DFE_INPOST, 227.4);
    assert_number(r, DFE_STARTERS, 29.3);
    assert_number(r, DFE_AGENCY_COVER_RATE, 100);
    assert_number(r, DFE_VACANCY, 10);
    assert_number(r, DFE_VACANCY_RATE, 4.2);
    assert_number(r, DFE_VACANCY_COVER_RATE, 0.4);
    assert_number(r, DFE_CASE_HOLDERS, 104.2);
    assert_number(r, DFE_CASES, 1792);
    assert_number(r, DFE_CASELOAD, 17.2);
    assert_number(r, DFE_ABSENCE_RATE, 3.4);
}

/* Kirklees 2024: agency 0 (a number, not a marker), cover rate "z". */
static void test_dfe_real_row_with_z_and_zero(void **state)
{
    (void)state;
    const struct dfe_row *r = row_of("E08000034", 2024);
    assert_string_equal(r->name, "Kirklees");
    assert_marker(r, DFE_AGENCY_COVER_RATE, DFE_Z);
    assert_number(r, DFE_AGENCY, 0);
    assert_number(r, DFE_AGENCY_RATE, 0);
    assert_number(r, DFE_INPOST, 241.5);
    assert_number(r, DFE_TURNOVER_RATE, 13.6);
    assert_number(r, DFE_VACANCY, 23.5);
}

/* Kensington and Chelsea 2024: agency "u", agency rate and cover rates "x". */
static void test_dfe_real_row_with_x(void **state)
{
    (void)state;
    const struct dfe_row *r = row_of("Kensington and Chelsea", 2024);
    assert_marker(r, DFE_AGENCY, DFE_U);
    assert_marker(r, DFE_AGENCY_RATE, DFE_X);
    assert_marker(r, DFE_AGENCY_COVER, DFE_U);
    assert_marker(r, DFE_AGENCY_COVER_RATE, DFE_X);
    assert_marker(r, DFE_VACANCY_COVER_RATE, DFE_X);
    assert_number(r, DFE_INPOST, 182.9);
    assert_number(r, DFE_VACANCY_RATE, 2.7);
    assert_number(r, DFE_ABSENCE_RATE, 1);
}

/* North Somerset 2018: absence "c" (working days lost too). */
static void test_dfe_real_row_with_c(void **state)
{
    (void)state;
    const struct dfe_row *r = row_of("North Somerset", 2018);
    assert_marker(r, DFE_ABSENCE_RATE, DFE_C);
    assert_number(r, DFE_INPOST, 83.8);
    assert_number(r, DFE_VACANCY_COVER_RATE, 100);
    assert_number(r, DFE_CASES, 887);
}

static void test_dfe_real_names_with_commas_are_read_whole(void **state)
{
    (void)state;
    const struct dfe_row *r = row_of("E06000023", 2024);
    assert_string_equal(r->name, "Bristol, City of");
    assert_string_equal(r->region, "South West");
    assert_number(r, DFE_INPOST, 293.2); /* the columns after the name are not shifted */
    assert_number(r, DFE_CASES, 3117);
    assert_marker(r, DFE_ABSENCE_RATE, DFE_U);
    r = row_of("E06000010", 2024);
    assert_string_equal(r->name, "Kingston upon Hull, City of");
    assert_number(r, DFE_INPOST, 303.9);
    assert_number(r, DFE_ABSENCE_RATE, 3.8);
    assert_ptr_equal(dfe_find(&shipped, "kingston upon hull, city of", 2024), r);
}

static void test_dfe_real_row_counts_per_year_and_level(void **state)
{
    (void)state;
    /* counted in the file with Python's csv module */
    static const int local[8] = {151, 151, 150, 150, 150, 150, 151, 151};
    int n[8][N_DFE_LEVELS] = {{0}};
    assert_int_equal(shipped.n, 1300);
    for (int i = 0; i < shipped.n; i++) {
        int y = shipped.row[i].year - 2017;
        assert_true(y >= 0 && y < 8);
        n[y][shipped.row[i].level]++;
    }
    for (int y = 0; y < 8; y++) {
        assert_int_equal(n[y][DFE_NATIONAL], 1);
        assert_int_equal(n[y][DFE_REGIONAL], 11);
        assert_int_equal(n[y][DFE_LOCAL], local[y]);
    }
    const struct dfe_row *england = row_of("England", 2024);
    assert_int_equal(england->level, DFE_NATIONAL);
    assert_string_equal(england->code, "E92000001");
    assert_number(england, DFE_INPOST, 34328.2);
    assert_number(england, DFE_CASES, 320461);
    const struct dfe_row *ne = row_of("E12000001", 2024);
    assert_int_equal(ne->level, DFE_REGIONAL);
    assert_string_equal(ne->name, "North East");
}

/* ---- hand-written files ---- */

#define N_SMALL_COLS 23
static const char *const small_head[N_SMALL_COLS] = {"time_period",
                                                     "geographic_level",
                                                     "country_code",
                                                     "country_name",
                                                     "region_code",
                                                     "region_name",
                                                     "new_la_code",
                                                     "la_name",
                                                     "inpost_fte",
                                                     "starters_fte",
                                                     "leavers_fte",
                                                     "turnover_rate_fte",
                                                     "agency_fte",
                                                     "agency_rate_fte",
                                                     "agency_cover_fte",
                                                     "agency_cover_rate_fte",
                                                     "vacancy_fte",
                                                     "vacancy_rate_fte",
                                                     "vacancy_agency_cover_rate_fte",
                                                     "case_holders_fte",
                                                     "cases",
                                                     "caseload_fte",
                                                     "absence_rate_fte"};
static const char *const small_rows[3][N_SMALL_COLS] = {
    {"2023",    "National", "E92000001", "England", "",       "",     "",       "",
     "33044.1", "6291.7",   "5981.1",    "17.1",    "6778.8", "17",   "5401.1", "79.7",
     "6734.5",  "17.1",     "80.2",      "20502.1", "318111", "15.5", "3.3"},
    {"2023",      "Local authority",
     "E92000001", "England",
     "E12000009", "South West",
     "E06000099", "Foo \"Bar\", City of",
     "123.4",     "x",
     "z",         "c",
     "u",         "low",
     "",          "81.25",
     "0",         "1e1",
     "-0",        "61.7",
     "912",       "14.8",
     "2.1"},
    {"2022",   "Regional", "E92000001", "England", "E12000009", "South West", "",    "",
     "2011.5", "300",      "250",       "12.4",    "400.5",     "16.6",       "310", "77.4",
     "380",    "15.9",     "81.6",      "1300",    "20000",     "15.4",       "3.9"},
};

static void put_cell(FILE *f, const char *s, int first)
{
    if (!first)
        fputc(',', f);
    testutil_csv_put(f, s);
}

/* The small table with its columns in order[] (a permutation), omitting
 * column `skip` (-1: none), with `eol` line ends. */
static const char *small_file(int slot, const int *order, int skip, const char *eol)
{
    static char text[8][4096];
    FILE *f = fmemopen(text[slot & 7], sizeof text[0], "w");
    for (int r = -1; r < 3; r++) {
        int first = 1;
        for (int c = 0; c < N_SMALL_COLS; c++) {
            if (order[c] == skip)
                continue;
            put_cell(f, r < 0 ? small_head[order[c]] : small_rows[r][order[c]], first);
            first = 0;
        }
        fputs(eol, f);
    }
    fclose(f);
    return testutil_write_file(slot, text[slot & 7]);
}

static void identity(int *order)
{
    for (int c = 0; c < N_SMALL_COLS; c++)
        order[c] = c;
}

static void test_dfe_small_file_markers_quotes_and_empty_cells(void **state)
{
    (void)state;
    int order[N_SMALL_COLS];
    identity(order);
    struct dfe_data d;
    dt_load(small_file(2, order, -1, "\n"), &d);
    assert_int_equal(d.n, 3);
    const struct dfe_row *r = &d.row[1];
    assert_string_equal(r->name, "Foo \"Bar\", City of");
    assert_string_equal(r->code, "E06000099");
    assert_int_equal(r->year, 2023);
    static const int marker[6] = {DFE_X, DFE_Z, DFE_C, DFE_U, DFE_LOW, DFE_EMPTY};
    for (int k = 0; k < 6; k++) { /* starters .. agency_cover: x z c u low "" */
        assert_int_equal(r->f[DFE_STARTERS + k].status, marker[k]);
        assert_true(isnan(dfe_get(r, DFE_STARTERS + k)));
    }
    assert_close(dfe_get(r, DFE_AGENCY_COVER_RATE), 81.25, 0);
    assert_close(dfe_get(r, DFE_VACANCY), 0, 0);
    assert_close(dfe_get(r, DFE_VACANCY_RATE), 10, 0);
    assert_int_equal(r->f[DFE_VACANCY_COVER_RATE].status, DFE_OK);
    assert_close(dfe_get(&d.row[0], DFE_INPOST), 33044.1, 0);
    assert_int_equal(d.row[2].level, DFE_REGIONAL);
    assert_string_equal(d.row[2].code, "E12000009");
    assert_string_equal(d.row[2].name, "South West");
    assert_ptr_equal(dfe_find(&d, "foo \"bar\", city of", 2023), r);
    dfe_free(&d);
}

/* The same table with its columns reversed and with CRLF line ends reads the
 * same, field for field. */
static void test_dfe_small_file_columns_in_another_order(void **state)
{
    (void)state;
    int order[N_SMALL_COLS], reversed[N_SMALL_COLS];
    identity(order);
    for (int c = 0; c < N_SMALL_COLS; c++)
        reversed[c] = N_SMALL_COLS - 1 - c;
    struct dfe_data a, b;
    dt_load(small_file(2, order, -1, "\n"), &a);
    dt_load(small_file(3, reversed, -1, "\r\n"), &b);
    assert_int_equal(a.n, b.n);
    for (int i = 0; i < a.n; i++) {
        assert_int_equal(a.row[i].year, b.row[i].year);
        assert_int_equal(a.row[i].level, b.row[i].level);
        assert_string_equal(a.row[i].code, b.row[i].code);
        assert_string_equal(a.row[i].name, b.row[i].name);
        assert_string_equal(a.row[i].region, b.row[i].region);
        for (int k = 0; k < N_DFE_FIELDS; k++) {
            assert_int_equal(a.row[i].f[k].status, b.row[i].f[k].status);
            if (a.row[i].f[k].status == DFE_OK)
                assert_close(a.row[i].f[k].v, b.row[i].f[k].v, 0);
        }
    }
    dfe_free(&a);
    dfe_free(&b);
}

static void test_dfe_small_file_missing_column(void **state)
{
    (void)state;
    int order[N_SMALL_COLS];
    identity(order);
    struct error e;
    char want[512];
    const char *path = small_file(2, order, 17 /* vacancy_rate_fte */, "\n");
    dt_load_fails(path, &e);
    snprintf(want, sizeof want,
             "%s:1: vacancy_rate_fte: missing column (not a DfE workforce indicators file?)", path);
    dt_assert_msg(&e, want);
    path = small_file(3, order, 7 /* la_name */, "\n");
    dt_load_fails(path, &e);
    snprintf(want, sizeof want,
             "%s:1: la_name: missing column (not a DfE workforce indicators file?)", path);
    dt_assert_msg(&e, want);
}

static void test_dfe_small_file_cell_not_a_number(void **state)
{
    (void)state;
    static const char *const bad[] = {"12.5%", "X", "n/a", "nan", "1,5"};
    struct error e;
    char text[4096], want[512];
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        snprintf(text, sizeof text,
                 DT_HEADER DT_ENGLAND_2024
                 "2024,Reporting year,Local authority,E92000001,England,E12000008,South East,"
                 "852,E06000045,Southampton,197,210,9.6,10,37.1,40,18.8,19,5.8,6,2.9,2.8,5.8,100,"
                 "13,6.2,44.7,87.5,1302,\"%s\",1361,2.7\n",
                 bad[k]);
        const char *path = testutil_write_file(2, text);
        dt_load_fails(path, &e);
        snprintf(want, sizeof want,
                 "%s:3: caseload_fte: not a decimal number or a DfE marker (got \"%s\")", path,
                 bad[k]);
        dt_assert_msg(&e, want);
    }
}

static void test_dfe_small_file_unterminated_quote(void **state)
{
    (void)state;
    struct error e;
    char want[512];
    const char *path = testutil_write_file(
        2, DT_HEADER DT_ENGLAND_2024
        "2024,Reporting year,Local authority,E92000001,England,E12000009,South West,801,"
        "E06000023,\"Bristol, City of,293.2,340,55.3,63,35.9,42,12.2,12.4,19.6,21,6.3,5.8,19.6,"
        "100,53,15.3,37,195.1,3117,16,u,u\n");
    dt_load_fails(path, &e);
    snprintf(want, sizeof want, "%s:3: (row): unterminated quote", path);
    dt_assert_msg(&e, want);
}

static void test_dfe_small_file_unknown_level(void **state)
{
    (void)state;
    struct error e;
    char want[512];
    const char *path = testutil_write_file(
        2, DT_HEADER "2024,Reporting year,Ward,E92000001,England,E12000008,South East,852,"
                     "E06000045,Southampton,197,210,9.6,10,37.1,40,18.8,19,5.8,6,2.9,2.8,5.8,100,"
                     "13,6.2,44.7,87.5,1302,14.9,1361,2.7\n");
    dt_load_fails(path, &e);
    snprintf(want, sizeof want, "%s:2: geographic_level: unknown level (got \"Ward\")", path);
    dt_assert_msg(&e, want);
}

static void test_dfe_small_file_bad_year_and_missing_file(void **state)
{
    (void)state;
    struct error e;
    char want[512];
    const char *path = testutil_write_file(
        2, DT_HEADER "2024/25,Reporting year,National,E92000001,England,,,,,,34328.2,36402,"
                     "5613.4,5822,4728.7,5073,13.9,13.9,6520.7,6704,16.2,15.7,5313.2,81.3,"
                     "7188.6,17.3,76.2,20803.5,320461,15.4,285778.4,3.4\n");
    dt_load_fails(path, &e);
    snprintf(want, sizeof want,
             "%s:2: time_period: must be a year in [1990, 2100] (got \"2024/25\")", path);
    dt_assert_msg(&e, want);
    dt_load_fails("/nonexistent/dfe.csv", &e);
    dt_assert_msg(
        &e, "/nonexistent/dfe.csv:0: (file): cannot read data file: No such file or directory");
}

/* ---- finding areas ---- */

static void test_dfe_find_by_code_and_name(void **state)
{
    (void)state;
    const struct dfe_row *a = dfe_find(&shipped, "E09000028", 2024);
    assert_non_null(a);
    assert_string_equal(a->name, "Southwark");
    assert_ptr_equal(dfe_find(&shipped, "sOUTHWARK", 2024), a);
    assert_ptr_equal(dfe_find(&shipped, "e09000028", 2024), a);
    assert_int_equal(dfe_find(&shipped, "Southwark", 2019)->year, 2019);
    assert_null(dfe_find(&shipped, "Southwark", 2016));
    assert_null(dfe_find(&shipped, "Southwar", 2024));
    /* the unitary created in 2023 has no row in 2022 */
    assert_null(dfe_find(&shipped, "E06000063", 2022));
    assert_non_null(dfe_find(&shipped, "E06000063", 2023));
}

static void test_dfe_area_exists_suggests_the_nearest_name(void **state)
{
    (void)state;
    char suggest[128];
    assert_int_equal(dfe_area_exists(&shipped, "southwark", suggest, sizeof suggest), 1);
    assert_int_equal(dfe_area_exists(&shipped, "E06000045", suggest, sizeof suggest), 1);
    assert_int_equal(dfe_area_exists(&shipped, "Southwrak", suggest, sizeof suggest), 0);
    assert_string_equal(suggest, "Southwark");
    assert_int_equal(dfe_area_exists(&shipped, "Sunderlnd", suggest, sizeof suggest), 0);
    assert_string_equal(suggest, "Sunderland");
    assert_int_equal(dfe_area_exists(&shipped, "Bristl", suggest, sizeof suggest), 0);
    assert_string_equal(suggest, "Bristol, City of");
}

/* Names as people type them: without the DfE's qualifiers and punctuation,
 * "&" for "and", the last or first words of one area's name (or of a part of
 * a joint area's); a loose name that fits two areas names both. */
static void test_dfe_area_names_as_people_type_them(void **state)
{
    (void)state;
    static const char *const typed[][2] = {
        /* as typed, and the code or the name */
        {"Bristol", "E06000023"},
        {"Bristol City of", "E06000023"},
        {"Hull", "E06000010"},
        {"kingston upon hull", "E06000010"},
        {"Herefordshire", "E06000019"},
        {"Bournemouth Christchurch & Poole", "E06000058"},
        {"Southend", "E06000033"},
        {"southend on sea", "E06000033"},
        {"Richmond", "Kingston upon Thames / Richmond upon Thames"},
        {"Windsor", "Windsor and Maidenhead"},
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        const struct dfe_row *r = row_of(typed[i][0], 2024);
        const char *code = dfe_area_code(&shipped, typed[i][0]);
        if (code == NULL || strcmp(code, r->code) != 0 ||
            (strcmp(r->code, typed[i][1]) != 0 && strcmp(r->name, typed[i][1]) != 0))
            fail_msg("\"%s\": got %s (%s), want %s", typed[i][0], r->name, r->code, typed[i][1]);
    }
    char suggest[128];
    assert_null(dfe_area_code(&shipped, "Kingston"));
    assert_int_equal(dfe_area_exists(&shipped, "Kingston", suggest, sizeof suggest), 0);
    assert_string_equal(
        suggest, "Kingston upon Hull, City of\" or \"Kingston upon Thames / Richmond upon Thames");
    assert_null(dfe_area_code(&shipped, "North"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfe_real_row_with_u_and_low),
        cmocka_unit_test(test_dfe_real_row_with_z_and_zero),
        cmocka_unit_test(test_dfe_real_row_with_x),
        cmocka_unit_test(test_dfe_real_row_with_c),
        cmocka_unit_test(test_dfe_real_names_with_commas_are_read_whole),
        cmocka_unit_test(test_dfe_real_row_counts_per_year_and_level),
        cmocka_unit_test(test_dfe_small_file_markers_quotes_and_empty_cells),
        cmocka_unit_test(test_dfe_small_file_columns_in_another_order),
        cmocka_unit_test(test_dfe_small_file_missing_column),
        cmocka_unit_test(test_dfe_small_file_cell_not_a_number),
        cmocka_unit_test(test_dfe_small_file_unterminated_quote),
        cmocka_unit_test(test_dfe_small_file_unknown_level),
        cmocka_unit_test(test_dfe_small_file_bad_year_and_missing_file),
        cmocka_unit_test(test_dfe_find_by_code_and_name),
        cmocka_unit_test(test_dfe_area_exists_suggests_the_nearest_name),
        cmocka_unit_test(test_dfe_area_names_as_people_type_them),
    };
    return cmocka_run_group_tests(tests, load_shipped, free_shipped);
}
