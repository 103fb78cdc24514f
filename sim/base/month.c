/* month: calendar arithmetic on integer months (see include/wfsim/month.h). */
#include "wfsim/month.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int month_parse(const char *text, int *out)
{
    if (text == NULL || strlen(text) != 7 || text[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && !isdigit((unsigned char)text[i]))
            return -1;
    int y = atoi(text), m = atoi(text + 5);
    if (y < 1900 || y > 2999 || m < 1 || m > 12)
        return -1;
    *out = y * 12 + (m - 1);
    return 0;
}

int month_parse_date(const char *text, int *month, int *year)
{
    if (text != NULL && strlen(text) == 4 && isdigit((unsigned char)text[0]) &&
        isdigit((unsigned char)text[1]) && isdigit((unsigned char)text[2]) &&
        isdigit((unsigned char)text[3])) {
        int y = atoi(text);
        if (y < 1900 || y > 2999)
            return -1;
        *month = -1;
        *year = y;
        return 0;
    }
    int m;
    if (month_parse(text, &m) != 0)
        return -1;
    *month = m;
    *year = 0;
    return 0;
}

void month_format(int month, char *buf, unsigned long size)
{
    snprintf(buf, size, "%04d-%02d", month_year(month), month_of_year(month));
}

int month_year(int month)
{
    return month / 12;
}

int month_of_year(int month)
{
    return month % 12 + 1;
}

int month_reporting_year(int month)
{
    return month_of_year(month) >= 10 ? month_year(month) + 1 : month_year(month);
}
