# swapnet: top-level build.  See README.md.
#
# The module is built for the kernel the lab boots (and a diskless node
# runs): the newest installed linux-image, never `uname -r` of the build host.
KVER ?= $(shell ls -1 /boot/vmlinuz-* 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
export KVER KDIR

.PHONY: all module tools check demo bench deps deps-ok clean

all: module tools

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod modules

tools:
	$(MAKE) -C tools

check: deps-ok
	$(MAKE) all
	tests/check

demo: deps-ok
	$(MAKE) all
	tests/demo

bench: deps-ok
	$(MAKE) all
	tests/bench

deps:
	tests/lab/deps.sh install

# Install the Debian packages only when something is missing.
deps-ok:
	@tests/lab/deps.sh check || tests/lab/deps.sh install

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	$(MAKE) -C tools clean

# install, dkms-install
include mk/install.mk
