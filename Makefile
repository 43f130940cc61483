# tasklens: builds build/tasklensd (the daemon), build/tasklens (the inspector) and
# build/unit_tests, incrementally and in parallel. `make test` runs every suite and ends
# with one `N passed, M failed` line; SAN=1 builds and tests under ASan+UBSan in build-san/.

SAN ?= 0
DEBUG ?= 0
PREFIX ?= /usr/local
DESTDIR ?=

# BUILD may be set on the command line (make BUILD=build-mine) to keep separate trees.
ifeq ($(SAN),1)
BUILD ?= build-san
MODE_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(DEBUG),1)
BUILD ?= build-debug
MODE_FLAGS := -O0 -g
MODE_LDFLAGS :=
else
BUILD ?= build
MODE_FLAGS := -O2 -g1
MODE_LDFLAGS :=
endif

# Use every core unless the caller chose a job count.
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif

CXX := g++
# Dependency flags come from pkg-config after tools/bootstrap.sh has made sure the
# packages exist; config.mk is remade (and make restarts) when the script changes.
-include $(BUILD)/config.mk
CXXFLAGS := -std=c++20 $(MODE_FLAGS) -Wall -Wextra -Werror -I. -MMD -MP $(PKG_CFLAGS)
LDFLAGS := $(MODE_LDFLAGS)

# heap_operators.cpp replaces global operator new/delete (the --max-heap accounting): it is
# linked into tasklensd and the test binaries only, never into the library.
HEAP_OPERATORS_SRC := daemon/script/heap_operators.cpp
DAEMON_LIB_SRC := $(sort $(filter-out daemon/main.cpp $(HEAP_OPERATORS_SRC),$(shell find daemon -name '*.cpp')))
PROTOCOL_SRC := $(sort $(wildcard protocol/*.cpp))
CLIENT_SRC := $(sort $(shell find client -name '*.cpp'))
UNIT_SRC := $(sort $(wildcard tests/unit/*.cpp))
BENCH_BINS := $(patsubst bench/%.cpp,$(BUILD)/bench/%,$(wildcard bench/*.cpp))

obj = $(patsubst %.cpp,$(BUILD)/obj/%.o,$(1))
DAEMON_LIB := $(BUILD)/libtasklensd.a
PROTOCOL_LIB := $(BUILD)/libprotocol.a

.PHONY: all test demo bench fuzz install clean conformance
all: $(BUILD)/tasklensd $(BUILD)/tasklens $(BUILD)/unit_tests

$(BUILD)/config.mk: tools/bootstrap.sh
	@mkdir -p $(BUILD)
	@tools/bootstrap.sh
	@echo "PKG_CFLAGS := $$(pkg-config --cflags libuv nlohmann_json spdlog fmt)" > $@.tmp
	@echo "PKG_LIBS := $$(pkg-config --libs libuv spdlog fmt) -lncursesw" >> $@.tmp
	@mv $@.tmp $@

$(BUILD)/obj/%.o: %.cpp $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(DAEMON_LIB): $(call obj,$(DAEMON_LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(PROTOCOL_LIB): $(call obj,$(PROTOCOL_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tasklensd: $(call obj,daemon/main.cpp $(HEAP_OPERATORS_SRC)) $(DAEMON_LIB) $(PROTOCOL_LIB)
	$(CXX) $(LDFLAGS) $^ -o $@ $(PKG_LIBS)

$(BUILD)/tasklens: $(call obj,$(CLIENT_SRC)) $(PROTOCOL_LIB)
	$(CXX) $(LDFLAGS) $^ -o $@ $(PKG_LIBS)

$(BUILD)/unit_tests: $(call obj,$(UNIT_SRC) $(HEAP_OPERATORS_SRC)) $(DAEMON_LIB) $(PROTOCOL_LIB)
	$(CXX) $(LDFLAGS) $^ -o $@ $(PKG_LIBS)

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(DAEMON_LIB) $(PROTOCOL_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) $^ -o $@ $(PKG_LIBS)

# TASKLENS_SAN=1 tells the suites the binaries are sanitized: run_all.sh collects every
# ASan/UBSan/LSan report into $(BUILD)/san-logs and counts each as a failure, and the
# suites scale their timeouts (sanitized tasklensd runs several times slower).
test: all
	@BUILD=$(BUILD) TASKLENS_SAN=$(SAN) tests/run_all.sh

demo: $(BUILD)/tasklensd
	@BUILD=$(BUILD) tools/demo.sh

bench: all $(BENCH_BINS)
	@BUILD=$(BUILD) bench/run.sh

conformance: all
	@BUILD=$(BUILD) tests/conformance/run.sh

fuzz:
	@tools/fuzz.sh

install: $(BUILD)/tasklensd $(BUILD)/tasklens
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BUILD)/tasklensd $(BUILD)/tasklens $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf build build-*

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
