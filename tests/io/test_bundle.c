/* test_bundle: named files, the one manifest and the atomic commit (see
 * include/wfsim/bundle.h). The manifest's fields and their order are
 * checked line by line. The data file holds "a": its hash is scenario_hash's
 * FNV-1a step from that function's offset basis 1469598103934665603 (not
 * the published FNV-64 basis 14695981039346656037, so not the published
 * vector af63dc4c8601ec8c):
 *   (1469598103934665603 xor 0x61) * 1099511628211 mod 2^64 = 44bd8ad473cd9906. */
#include "support/testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wfsim/bundle.h"

static const char *path_of(const char *tag)
{
    static char path[4][128];
    static int slot;
    char *p = path[slot++ & 3];
    snprintf(p, sizeof path[0], "/tmp/wfsim-test-bundle-%d-%s", (int)getpid(), tag);
    return p;
}

/* Nothing named tag.* (a temporary left behind) beside `target`. */
static void assert_nothing_beside(const char *target)
{
    char dir[256], base[128];
    snprintf(dir, sizeof dir, "%s", target);
    char *slash = strrchr(dir, '/');
    snprintf(base, sizeof base, "%s.", slash + 1);
    *slash = '\0';
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *de; (de = readdir(d)) != NULL;)
        if (strncmp(de->d_name, base, strlen(base)) == 0)
            fail_msg("left beside %s: %s", target, de->d_name);
    closedir(d);
}

/* Each line of `text` starts with want[i] ("" ends the list), and there
 * are no more lines; a want ending in "..." is a prefix, else the whole line. */
static void assert_lines(const char *text, const char *const *want)
{
    const char *p = text;
    int i = 0;
    for (; want[i][0] != '\0'; i++) {
        const char *end = strchr(p, '\n');
        if (end == NULL)
            fail_msg("line %d missing, want \"%s\"", i + 1, want[i]);
        size_t n = strlen(want[i]), len = (size_t)(end - p);
        int prefix = n > 3 && strcmp(want[i] + n - 3, "...") == 0;
        if (prefix ? len < n - 3 || strncmp(p, want[i], n - 3) != 0
                   : len != n || strncmp(p, want[i], n) != 0)
            fail_msg("line %d is \"%.*s\", want \"%s\"", i + 1, (int)len, p, want[i]);
        p = end + 1;
    }
    if (*p != '\0')
        fail_msg("more lines than expected: \"%s\"", p);
}

static void assert_file_lines(const char *path, const char *const *want)
{
    char *text = testutil_read_file(path);
    assert_lines(text, want);
    free(text);
}

static const struct bundle_provenance PROVENANCE = {
    "wfsim test --flag", "tiny", 7, 3, "a trial", NULL, NULL, 0xabcULL, "scenario.cfg"};

static const char *write_data(void)
{
    const char *data = path_of("data.csv");
    FILE *d = fopen(data, "w");
    assert_non_null(d);
    fputs("a", d);
    fclose(d);
    return data;
}

static void test_bundle_directory_holds_the_files_and_the_manifest_in_order(void **state)
{
    (void)state;
    const char *dir = path_of("dir"), *data = write_data();
    testutil_remove_dir(dir);
    struct error e = {ERROR_NONE, ""};
    struct bundle *b = bundle_alloc(dir, &e);
    assert_non_null(b);
    fputs("x,y\n1,2\n", bundle_file(b, "table.csv", &e));
    fputs("name = \"tiny\";\n", bundle_file(b, "scenario.cfg", &e));
    assert_int_equal(bundle_note(b, BUNDLE_TAIL, &e, "tail: %d", 1), 0);
    assert_int_equal(bundle_note(b, BUNDLE_HEAD, &e, "start: %s\nmonths: %d", "2024-09", 12), 0);
    assert_true(bundle_hash(b, "scenario.cfg") == scenario_hash("name = \"tiny\";\n", 15));
    assert_true(bundle_hash(b, "absent.cfg") == 0);
    struct bundle_provenance p = PROVENANCE;
    p.data_path = data;
    if (bundle_commit(b, &p, &e) != 0)
        fail_msg("commit: %s", e.msg);
    bundle_free(b);

    char path[512], program[64], data_line[256];
    snprintf(path, sizeof path, "%s/table.csv", dir);
    char *text = testutil_read_file(path);
    assert_string_equal(text, "x,y\n1,2\n");
    free(text);
    snprintf(program, sizeof program, "program: wfsim %s", WFSIM_VERSION);
    snprintf(data_line, sizeof data_line, "data: %s", data);
    /* the files wfsim wrote, with their hashes, so a later run replaces only them */
    char file_table[96], file_scenario[96];
    snprintf(file_table, sizeof file_table, "file: table.csv fnv1a64:%016llx",
             scenario_hash("x,y\n1,2\n", 8));
    snprintf(file_scenario, sizeof file_scenario, "file: scenario.cfg fnv1a64:%016llx",
             scenario_hash("name = \"tiny\";\n", 15));
    const char *const want[] = {program,
                                "command: wfsim test --flag",
                                "scenario: tiny",
                                data_line,
                                "data_hash: fnv1a64:44bd8ad473cd9906",
                                "start: 2024-09",
                                "months: 12",
                                "seed: 7",
                                "replicates: 3 a trial",
                                "generator: gsl_rng_taus2 streams for initial state...",
                                "scenario_hash: fnv1a64:0000000000000abc (of scenario.cfg)",
                                "tail: 1",
                                file_table,
                                file_scenario,
                                ""};
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    assert_file_lines(path, want);
    testutil_remove_dir(dir);
    assert_nothing_beside(dir);
    remove(data);
}

/* No data file: no data lines; a generator note replaces the standard text. */
static void test_bundle_manifest_without_data_and_with_a_generator_note(void **state)
{
    (void)state;
    const char *dir = path_of("nodata");
    testutil_remove_dir(dir);
    struct error e = {ERROR_NONE, ""};
    struct bundle *b = bundle_alloc(dir, &e);
    fputs("1\n", bundle_file(b, "one.csv", &e));
    struct bundle_provenance p = PROVENANCE;
    p.replicates_note = NULL;
    p.generator_note = "shared across options";
    assert_int_equal(bundle_commit(b, &p, &e), 0);
    bundle_free(b);
    char path[512], program[64], file_one[96];
    snprintf(program, sizeof program, "program: wfsim %s", WFSIM_VERSION);
    snprintf(file_one, sizeof file_one, "file: one.csv fnv1a64:%016llx", scenario_hash("1\n", 2));
    const char *const want[] = {program,
                                "command: wfsim test --flag",
                                "scenario: tiny",
                                "seed: 7",
                                "replicates: 3",
                                "generator: gsl_rng_taus2 shared across options",
                                "scenario_hash: fnv1a64:0000000000000abc (of scenario.cfg)",
                                file_one,
                                ""};
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    assert_file_lines(path, want);
    testutil_remove_dir(dir);
}

/* A single file: the manifest as "# " comment lines, then the body. */
static void test_bundle_single_file_starts_with_the_manifest_as_comments(void **state)
{
    (void)state;
    const char *file = path_of("one.cfg"), *data = write_data();
    remove(file);
    struct error e = {ERROR_NONE, ""};
    struct bundle *b = bundle_alloc_file(file, &e);
    fputs("name = \"tiny\";\n", bundle_file(b, "scenario", &e));
    assert_null(bundle_file(b, "second", &e)); /* one file only */
    assert_int_equal(bundle_note(b, BUNDLE_HEAD, &e, "area: %s", "Southwark"), 0);
    struct bundle_provenance p = PROVENANCE;
    p.data_path = data;
    p.scenario_hash_of = "the scenario below";
    assert_int_equal(bundle_commit(b, &p, &e), 0);
    bundle_free(b);
    char program[64], data_line[256];
    snprintf(program, sizeof program, "# program: wfsim %s", WFSIM_VERSION);
    snprintf(data_line, sizeof data_line, "# data: %s", data);
    const char *const want[] = {program,
                                "# command: wfsim test --flag",
                                "# scenario: tiny",
                                data_line,
                                "# data_hash: fnv1a64:44bd8ad473cd9906",
                                "# area: Southwark",
                                "# seed: 7",
                                "# replicates: 3 a trial",
                                "# generator: gsl_rng_taus2 streams...",
                                "# scenario_hash: fnv1a64:0000000000000abc (of the scenario below)",
                                "name = \"tiny\";",
                                ""};
    assert_file_lines(file, want);
    struct stat sb;
    assert_int_equal(stat(file, &sb), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(sb.st_mode & 0777, 0666 & ~mask); /* an ordinary file, not mkstemp's 0600 */
    assert_nothing_beside(file);
    remove(file);
    remove(data);
}

static void test_bundle_errors_leave_nothing(void **state)
{
    (void)state;
    struct error e = {ERROR_NONE, ""};
    /* a directory that is not a results directory is not replaced */
    const char *dir = path_of("foreign");
    testutil_remove_dir(dir);
    assert_int_equal(mkdir(dir, 0777), 0);
    char keep[512];
    snprintf(keep, sizeof keep, "%s/keep.txt", dir);
    FILE *k = fopen(keep, "w");
    fputs("precious\n", k);
    fclose(k);
    assert_int_equal(bundle_check(dir, &e), -1);
    struct bundle *b = bundle_alloc(dir, &e);
    fputs("1\n", bundle_file(b, "one.csv", &e));
    error_clear(&e);
    assert_int_equal(bundle_commit(b, &PROVENANCE, &e), -1);
    assert_int_equal(e.kind, ERROR_INPUT);
    assert_non_null(strstr(e.msg, "is not a wfsim results directory"));
    bundle_free(b);
    char *text = testutil_read_file(keep);
    assert_string_equal(text, "precious\n");
    free(text);
    assert_nothing_beside(dir);
    remove(keep);
    rmdir(dir);
    /* names: taken twice, or the manifest's own */
    b = bundle_alloc(path_of("names"), &e);
    assert_non_null(bundle_file(b, "a.csv", &e));
    error_clear(&e);
    assert_null(bundle_file(b, "a.csv", &e));
    assert_non_null(strstr(e.msg, "a.csv to the results (the name is taken)"));
    assert_null(bundle_file(b, "manifest.txt", &e));
    bundle_free(b);
    /* a data file that cannot be read to hash */
    const char *target = path_of("nodatafile");
    testutil_remove_dir(target);
    b = bundle_alloc(target, &e);
    fputs("1\n", bundle_file(b, "one.csv", &e));
    struct bundle_provenance p = PROVENANCE;
    p.data_path = "/nonexistent/data.csv";
    error_clear(&e);
    assert_int_equal(bundle_commit(b, &p, &e), -1);
    assert_string_equal(e.msg,
                        "/nonexistent/data.csv: cannot read the data file to record its hash");
    bundle_free(b);
    struct stat sb;
    assert_int_equal(stat(target, &sb), -1);
    assert_nothing_beside(target);
    bundle_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundle_directory_holds_the_files_and_the_manifest_in_order),
        cmocka_unit_test(test_bundle_manifest_without_data_and_with_a_generator_note),
        cmocka_unit_test(test_bundle_single_file_starts_with_the_manifest_as_comments),
        cmocka_unit_test(test_bundle_errors_leave_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
