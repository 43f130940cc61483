// A stand-alone `tasklens export` for the visual tests: the renderers plus the export command,
// built by tests/suites.d/visual.sh so the tests do not wait on the client's command table.
int export_command(int argc, char** argv);

int main(int argc, char** argv) { return export_command(argc - 1, argv + 1); }
