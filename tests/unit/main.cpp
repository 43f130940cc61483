// The one doctest main for build/unit_tests: every tests/unit/*_test.cpp links into it.
// Run one suite with `build/unit_tests -ts=<suite>`, one case with `-tc=<name>`.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
