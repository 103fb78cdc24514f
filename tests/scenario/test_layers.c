/* test_layers: layered libconfig files and --set assignments: nesting of
 * a.b.c=value, lookup across layers, children in order of first appearance,
 * "file:line" and "--set:N" locations, and the unknown-key check. */
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "wfsim/layers.h"

static int setup(void **state)
{
    struct layers *L = malloc(sizeof *L);
    if (L == NULL)
        return -1;
    layers_init(L);
    *state = L;
    return 0;
}

static int teardown(void **state)
{
    struct layers *L = *state;
    layers_destroy(L);
    free(L);
    return 0;
}

static void add_file(struct layers *L, int slot, const char *text)
{
    struct error e = {ERROR_NONE, ""};
    if (layers_add_file(L, testutil_write_file(slot, text), &e) != 0)
        fail_msg("%s", e.msg);
}

static void add_set(struct layers *L, const char *origin, const char *text)
{
    struct error e = {ERROR_NONE, ""};
    if (layers_add_set(L, origin, text, &e) != 0)
        fail_msg("%s", e.msg);
}

static void where(const struct layers *L, const config_setting_t *s, char *buf)
{
    layers_where(L, s, buf, 600);
}

/* ---- layers_add_set ---- */

static void test_layers_add_set_nests_a_number(void **state)
{
    struct layers *L = *state;
    add_set(L, "--set", "a.b.c=2.5");
    add_set(L, "--set", "a.b.n=7");
    config_setting_t *s = layers_lookup(L, "a.b.c");
    assert_non_null(s);
    assert_int_equal(config_setting_type(s), CONFIG_TYPE_FLOAT);
    assert_close(config_setting_get_float(s), 2.5, 0);
    s = layers_lookup(L, "a.b.n");
    assert_int_equal(config_setting_type(s), CONFIG_TYPE_INT);
    assert_int_equal(config_setting_get_int(s), 7);
    assert_int_equal(config_setting_type(layers_lookup(L, "a.b")), CONFIG_TYPE_GROUP);
    assert_int_equal(config_setting_type(layers_lookup(L, "a")), CONFIG_TYPE_GROUP);
    assert_int_equal(L->n, 2);
    assert_string_equal(L->origin[1], "--set");
    assert_int_equal(L->set_ordinal[0], 1);
    assert_int_equal(L->set_ordinal[1], 2);
}

static void test_layers_add_set_takes_bare_words_as_strings(void **state)
{
    struct layers *L = *state;
    add_set(L, "--set", "a.b.c=hello world");
    add_set(L, "--set", "q=\"quoted\"");
    add_set(L, "--set", "e=");
    add_set(L, "--set", "eq=x=y");
    add_set(L, "--set", "esc=say \"hi\" C:\\dir");
    add_set(L, "--set", "flag=true");
    assert_string_equal(config_setting_get_string(layers_lookup(L, "a.b.c")), "hello world");
    assert_string_equal(config_setting_get_string(layers_lookup(L, "q")), "quoted");
    assert_string_equal(config_setting_get_string(layers_lookup(L, "e")), "");
    assert_string_equal(config_setting_get_string(layers_lookup(L, "eq")), "x=y");
    assert_string_equal(config_setting_get_string(layers_lookup(L, "esc")), "say \"hi\" C:\\dir");
    config_setting_t *b = layers_lookup(L, "flag");
    assert_int_equal(config_setting_type(b), CONFIG_TYPE_BOOL);
    assert_int_equal(config_setting_get_bool(b), 1);
}

static void test_layers_add_set_nests_an_array_and_a_group(void **state)
{
    struct layers *L = *state;
    add_set(L, "--set", "grades.sw.tenure_mix=[0.1, 0.2, 0.3, 0.4]");
    add_set(L, "--set", "g={ x = 1; y = \"z\"; }");
    config_setting_t *s = layers_lookup(L, "grades.sw.tenure_mix");
    assert_int_equal(config_setting_type(s), CONFIG_TYPE_ARRAY);
    assert_int_equal(config_setting_length(s), 4);
    assert_close(config_setting_get_float_elem(s, 3), 0.4, 0);
    assert_int_equal(config_setting_get_int(layers_lookup(L, "g.x")), 1);
    assert_string_equal(config_setting_get_string(layers_lookup(L, "g.y")), "z");
}

/* A long bare word is still the whole string (layers.h: "a value that is not
 * valid libconfig syntax is taken as a string"), or an error; never cut. */
static void test_layers_add_set_long_string_is_not_truncated(void **state)
{
    struct layers *L = *state;
    char text[1600];
    memcpy(text, "x=", 2);
    memset(text + 2, 'a', 1500);
    text[1502] = '\0';
    struct error e = {ERROR_NONE, ""};
    if (layers_add_set(L, "--set", text, &e) != 0)
        return; /* rejecting it is fine */
    config_setting_t *s = layers_lookup(L, "x");
    assert_int_equal(config_setting_type(s), CONFIG_TYPE_STRING);
    assert_int_equal(strlen(config_setting_get_string(s)), 1500);
}

static void expect_set_error(struct layers *L, const char *origin, const char *text,
                             const char *msg)
{
    struct error e = {ERROR_NONE, ""};
    int n = L->n;
    assert_int_equal(layers_add_set(L, origin, text, &e), -1);
    assert_string_equal(e.msg, msg);
    assert_int_equal(e.kind, ERROR_INPUT);
    assert_int_equal(L->n, n); /* a failed assignment adds no layer */
}

static void test_layers_add_set_rejects_bad_paths(void **state)
{
    struct layers *L = *state;
    expect_set_error(L, "--set", "abc", "--set:1: (command line): expected KEY=VALUE (got abc)");
    expect_set_error(L, "--set", "=1", "--set:1: (command line): expected KEY=VALUE (got =1)");
    expect_set_error(L, "--set", ".a=1", "--set:1: (command line): expected KEY=VALUE (got .a=1)");
    expect_set_error(L, "--set", "a.=1", "--set:1: (command line): expected KEY=VALUE (got a.=1)");
    expect_set_error(L, "--set", "a..b=1",
                     "--set:1: (command line): expected KEY=VALUE (got a..b=1)");
    expect_set_error(L, "--set", "1a=1", "--set:1: (command line): expected KEY=VALUE (got 1a=1)");
    expect_set_error(L, "--set", "a b=1",
                     "--set:1: (command line): expected KEY=VALUE (got a b=1)");
    expect_set_error(L, "--set", "a/b=1",
                     "--set:1: (command line): expected KEY=VALUE (got a/b=1)");
    /* accepted by the path check, refused by libconfig */
    expect_set_error(L, "--set", "a.1b=1", "--set:1: a.1b: cannot parse value (got 1)");
    expect_set_error(L, "--set", "-a=1", "--set:1: -a: cannot parse value (got 1)");
}

static void test_layers_add_set_ordinals_count_per_origin(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "a = 1;\n");
    add_set(L, "--set", "x=1");
    add_set(L, "-n", "y=2");
    add_set(L, "--set", "z=3");
    expect_set_error(L, "--set", "oops", "--set:3: (command line): expected KEY=VALUE (got oops)");
    expect_set_error(L, "-n", "oops", "-n:2: (command line): expected KEY=VALUE (got oops)");
    expect_set_error(L, "-s", "oops", "-s:1: (command line): expected KEY=VALUE (got oops)");
    assert_int_equal(L->set_ordinal[0], 0);
    assert_int_equal(L->set_ordinal[1], 1);
    assert_int_equal(L->set_ordinal[2], 1);
    assert_int_equal(L->set_ordinal[3], 2);
}

static void test_layers_too_many_layers(void **state)
{
    struct layers *L = *state;
    for (int i = 0; i < LAYERS_MAX; i++)
        add_set(L, "--set", "x=1");
    expect_set_error(L, "--set", "x=2", "too many scenario layers (at most 64 files and --set)");
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(layers_add_file(L, testutil_write_file(0, "a = 1;\n"), &e), -1);
    assert_string_equal(e.msg, "too many scenario layers (at most 64 files and --set)");
}

/* ---- layers_add_file ---- */

static void test_layers_add_file_errors(void **state)
{
    struct layers *L = *state;
    struct error e = {ERROR_NONE, ""};
    const char *bad = testutil_write_file(0, "a = 1;\nb = ;\n");
    char want[600];
    assert_int_equal(layers_add_file(L, bad, &e), -1);
    snprintf(want, sizeof want, "%s:2: (syntax): syntax error", bad);
    assert_string_equal(e.msg, want);
    error_clear(&e);
    assert_int_equal(layers_add_file(L, "/nonexistent/wfsim/x.cfg", &e), -1);
    assert_string_equal(e.msg, "/nonexistent/wfsim/x.cfg:0: (file): cannot read scenario file: "
                               "No such file or directory");
    assert_int_equal(L->n, 0);
}

/* ---- layers_lookup ---- */

static void test_layers_lookup_later_layer_wins(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "g = { a = 1; b = 2; };\n");
    add_file(L, 1, "g = { b = 3; };\n");
    add_set(L, "--set", "g.a=4");
    assert_int_equal(config_setting_get_int(layers_lookup(L, "g.a")), 4);
    assert_int_equal(config_setting_get_int(layers_lookup(L, "g.b")), 3);
    assert_null(layers_lookup(L, "g.c"));
    assert_null(layers_lookup(L, "h"));
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(layers_check_unknown(L, NULL, &e), 0); /* losing layers are marked too */
}

/* ---- layers_children ---- */

static void test_layers_children_in_order_of_first_appearance(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "grades = {\n  a = { };\n  b = { };\n};\n");
    add_file(L, 1, "grades = {\n  c = { };\n  a = { x = 1; };\n};\n");
    add_set(L, "--set", "grades.d.x=1");
    add_set(L, "--set", "grades.b.x=2");
    char names[8][LAYERS_NAME_MAX];
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(layers_children(L, "grades", names, 8, &e), 4);
    assert_string_equal(names[0], "a");
    assert_string_equal(names[1], "b");
    assert_string_equal(names[2], "c");
    assert_string_equal(names[3], "d");
    assert_int_equal(layers_children(L, "campaigns", names, 8, &e), 0);
    assert_int_equal(e.kind, ERROR_NONE);
}

static void test_layers_children_errors(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "grades = {\n  a = { };\n  b = { };\n};\nflat = 3;\n");
    const char *p1 = testutil_write_file(1, "grades = {\n  a = { };\n  c = { };\n};\n");
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(layers_add_file(L, p1, &e), 0);
    char names[8][LAYERS_NAME_MAX], want[700];
    assert_int_equal(layers_children(L, "grades", names, 2, &e), -1);
    snprintf(want, sizeof want, "%s:3: grades.c: too many entries (at most 2)", p1);
    assert_string_equal(e.msg, want);
    error_clear(&e);
    assert_int_equal(layers_children(L, "flat", names, 8, &e), -1);
    snprintf(want, sizeof want, "%s:5: flat: must be a group of named entries { ... }",
             L->origin[0]);
    assert_string_equal(e.msg, want);
    error_clear(&e);
    char set[100], name[LAYERS_NAME_MAX + 1];
    memset(name, 'n', LAYERS_NAME_MAX); /* one character too many */
    name[LAYERS_NAME_MAX] = '\0';
    snprintf(set, sizeof set, "long.%s=1", name);
    add_set(L, "--set", set);
    assert_int_equal(layers_children(L, "long", names, 8, &e), -1);
    snprintf(want, sizeof want, "--set:1: long.%s: name too long (at most 63 characters)", name);
    assert_string_equal(e.msg, want);
}

/* ---- layers_where ---- */

static void test_layers_where_formats(void **state)
{
    struct layers *L = *state;
    char buf[600], want[600];
    where(L, NULL, buf);
    assert_string_equal(buf, "(scenario):1");
    add_file(L, 0, "a = 1;\n\ng = {\n  h = 2;\n};\n");
    add_set(L, "--set", "x=1");
    add_set(L, "-n", "y=1");
    add_set(L, "--set", "z=1");
    snprintf(want, sizeof want, "%s:4", L->origin[0]);
    where(L, layers_lookup(L, "g.h"), buf);
    assert_string_equal(buf, want);
    snprintf(want, sizeof want, "%s:3", L->origin[0]);
    where(L, layers_lookup(L, "g"), buf);
    assert_string_equal(buf, want);
    snprintf(want, sizeof want, "%s:1", L->origin[0]);
    where(L, NULL, buf);
    assert_string_equal(buf, want);
    where(L, layers_lookup(L, "z"), buf);
    assert_string_equal(buf, "--set:2");
    where(L, layers_lookup(L, "y"), buf);
    assert_string_equal(buf, "-n:1");
    /* a setting from outside the layers: the first layer */
    config_t other;
    config_init(&other);
    assert_int_equal(config_read_string(&other, "\n\nq = 1;\n"), CONFIG_TRUE);
    snprintf(want, sizeof want, "%s:1", L->origin[0]);
    where(L, config_lookup(&other, "q"), buf);
    assert_string_equal(buf, want);
    config_destroy(&other);
    layers_where(L, layers_lookup(L, "g.h"), buf, 4); /* truncates, never overflows */
    assert_int_equal(strlen(buf), 3);
}

/* ---- layers_check_unknown ---- */

static void test_layers_check_unknown_reports_first_unread(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "a = 1;\ng = {\n  h = 2;\n  k = 3;\n};\n");
    struct error e = {ERROR_NONE, ""};
    char want[700];
    assert_int_equal(layers_check_unknown(L, NULL, &e), -1);
    snprintf(want, sizeof want, "%s:1: a: unknown key (see docs/scenario-keys.md)", L->origin[0]);
    assert_string_equal(e.msg, want);
    assert_int_equal(e.kind, ERROR_INPUT);
    layers_lookup(L, "a");
    layers_lookup(L, "g.h");
    error_clear(&e);
    assert_int_equal(layers_check_unknown(L, NULL, &e), -1);
    snprintf(want, sizeof want, "%s:4: g.k: unknown key (see docs/scenario-keys.md)", L->origin[0]);
    assert_string_equal(e.msg, want);
    layers_lookup(L, "g.k");
    error_clear(&e);
    assert_int_equal(layers_check_unknown(L, NULL, &e), 0);
    assert_int_equal(e.kind, ERROR_NONE);
}

static void test_layers_check_unknown_in_a_set_layer(void **state)
{
    struct layers *L = *state;
    add_file(L, 0, "a = 1;\n");
    add_set(L, "--set", "a=2");
    add_set(L, "--set", "b.c.d=3");
    layers_lookup(L, "a");
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(layers_check_unknown(L, NULL, &e), -1);
    assert_string_equal(e.msg, "--set:2: b: unknown key (see docs/scenario-keys.md)");
    layers_lookup(L, "b.c.d"); /* marks the key and its groups */
    error_clear(&e);
    assert_int_equal(layers_check_unknown(L, NULL, &e), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_layers_add_set_nests_a_number),
        T(test_layers_add_set_takes_bare_words_as_strings),
        T(test_layers_add_set_nests_an_array_and_a_group),
        T(test_layers_add_set_long_string_is_not_truncated),
        T(test_layers_add_set_rejects_bad_paths),
        T(test_layers_add_set_ordinals_count_per_origin),
        T(test_layers_too_many_layers),
        T(test_layers_add_file_errors),
        T(test_layers_lookup_later_layer_wins),
        T(test_layers_children_in_order_of_first_appearance),
        T(test_layers_children_errors),
        T(test_layers_where_formats),
        T(test_layers_check_unknown_reports_first_unread),
        T(test_layers_check_unknown_in_a_set_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
