# swapnet: top-level build.  See README.md.
#
# `make install` installs for KVER: the newest installed linux-image (never
# `uname -r` of the build host), or the kernel of KDIR= when only that is
# given.  `make module` builds for every kernel unless KVER or KDIR is given.
KVER ?= $(if $(filter command line environment,$(origin KDIR)),$(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"$$/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null),$(shell ls -1 /boot/vmlinuz-* 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1))
KDIR ?= /lib/modules/$(KVER)/build
export KVER KDIR

# The lab's guest kernels (and the module builds before them): all
# supported ones (tests/lab/kernels.sh) unless KVER= or KDIR= was given on
# the command line or in the environment (then only it).  The defaults
# above are exported, so they are taken out of the sub-make's and the
# tests' environment here.
LAB_KVER = $(if $(filter command line environment,$(origin KVER) $(origin KDIR)),,env -u KVER -u KDIR)

.PHONY: all module tools workloads check check-full demo bench deps deps-ok clean deb

# `make` builds what exists: the module once kmod/ has its Kbuild, the
# tools once tools/ has its Makefile, and the lab's workloads.
all: module tools workloads

# The module: for KVER= or KDIR= when given, else for every installed
# kernel with headers; each into kmod/build/KVER/ (see kmod/Makefile).
MODULE_KERNEL = KVER= KDIR= \
	$(if $(filter command line environment,$(origin KVER)),KVER=$(KVER)) \
	$(if $(filter command line environment,$(origin KDIR)),KDIR=$(KDIR))

module:
	@if [ -f kmod/Kbuild ]; then \
		$(MAKE) -C kmod $(MODULE_KERNEL) modules; \
	else echo "module: kmod/Kbuild not there yet, skipped"; fi

tools:
	@if [ -f tools/Makefile ]; then \
		$(MAKE) -C tools; \
	else echo "tools: tools/Makefile not there yet, skipped"; fi

workloads:
	$(MAKE) -C tests/workloads

check: deps-ok
	$(LAB_KVER) $(MAKE) all
	$(LAB_KVER) tests/check

# check plus the slower items (tests/check --full): the "lab-kernels: all"
# scenarios on every kernel (6.12 too, not only 6.1 and 7.x) and any
# "lab-suite: full" scenario.
check-full: deps-ok
	$(LAB_KVER) $(MAKE) all
	$(LAB_KVER) tests/check --full

demo: deps-ok
	$(LAB_KVER) $(MAKE) all
	$(LAB_KVER) tests/demo

bench: deps-ok
	$(LAB_KVER) $(MAKE) all
	$(LAB_KVER) tests/bench

deps:
	tests/lab/deps.sh install

# Install the Debian packages only when something is missing.
deps-ok:
	@tests/lab/deps.sh check || tests/lab/deps.sh install

clean:
	-@if [ -f kmod/Kbuild ]; then $(MAKE) -C kmod clean; fi
	-@if [ -f tools/Makefile ]; then $(MAKE) -C tools clean; fi
	$(MAKE) -C tests/workloads clean

# install, dkms-install
include mk/install.mk
# deb
include mk/deb.mk
