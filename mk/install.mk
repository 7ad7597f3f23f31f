# Installation targets (owned by the packaging work; see README "Install").
# Included by the top-level Makefile, which sets KVER and KDIR.
#
#   make install [DESTDIR=/staging] [PREFIX=/usr]
#       swapnet.ko into /lib/modules/$(KVER)/extra + depmod, swapnetctl and
#       swapnettop, their bash completions, man pages, the systemd units
#       (swapnet.service, swapnet-retry.timer, swapnet-monitor.service for
#       mirror=; swapnet-metrics.timer for node_exporter), the example Prometheus alert rules,
#       and /etc/swapnet.conf
#       (an existing one is never overwritten)
#   make dkms-install
#       the module's source into /usr/src/swapnet-$(VERSION), then
#       dkms add, and build and install for every installed kernel with
#       headers that swapnet supports, or for KVER=/KDIR= only (needs
#       dkms; with DESTDIR: only the source is staged)
#   make uninstall [DESTDIR=...] [PREFIX=...]   (keeps /etc/swapnet.conf)

PREFIX     ?= /usr
SBINDIR    ?= $(PREFIX)/sbin
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
COMPLDIR   ?= $(PREFIX)/share/bash-completion/completions
SYSCONFDIR ?= /etc
DKMSSRC    ?= /usr/src
VERSION    := $(shell cat $(CURDIR)/VERSION)
DEPMOD     ?= /sbin/depmod
INSTALL    ?= install

MAN_PAGES  := $(wildcard $(CURDIR)/man/*.[1-8])
TOOL_BINS  := tools/swapnetctl/swapnetctl:$(SBINDIR) \
	      tools/swapnettop/swapnettop:$(BINDIR)
# What dkms needs to build the module outside this tree.
DKMS_FILES := $(filter-out %.mod.c,$(wildcard $(CURDIR)/kmod/*.c $(CURDIR)/kmod/*.h)) \
	      $(CURDIR)/kmod/Kbuild $(CURDIR)/kmod/Makefile

.PHONY: install install-module install-tools install-man install-units \
	install-config dkms-install uninstall

install: install-module install-tools install-man install-units \
	 install-config

# modules_install honours INSTALL_MOD_PATH (the staging root); depmod -b
# then indexes the staged tree so modprobe and genl autoload find it.
# Out-of-tree builds have no distribution signing key: do not try to sign
# (a kernel that enforces signatures needs the admin's own key, e.g. a MOK).
install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod/build/$(KVER) INSTALL_MOD_PATH=$(DESTDIR) \
		CONFIG_MODULE_SIG_ALL= \
		INSTALL_MOD_DIR=extra modules_install
	$(DEPMOD) -b "$(if $(DESTDIR),$(DESTDIR),/)" $(KVER)

install-tools: tools
	@set -e; for t in $(TOOL_BINS); do \
		src=$${t%%:*}; dir=$${t#*:}; \
		echo "  INSTALL $$src -> $(DESTDIR)$$dir"; \
		$(INSTALL) -D -m 0755 "$$src" "$(DESTDIR)$$dir/$$(basename $$src)"; \
	done
	@for c in swapnetctl swapnettop; do \
		echo "  INSTALL tools/completion/$$c -> $(DESTDIR)$(COMPLDIR)"; \
		$(INSTALL) -D -m 0644 tools/completion/$$c "$(DESTDIR)$(COMPLDIR)/$$c" || exit 1; \
	done

install-man:
	@set -e; for m in $(MAN_PAGES); do \
		sec=$${m##*.}; \
		echo "  INSTALL $$m -> $(DESTDIR)$(MANDIR)/man$$sec"; \
		$(INSTALL) -D -m 0644 "$$m" "$(DESTDIR)$(MANDIR)/man$$sec/$$(basename $$m)"; \
	done

# The units name /usr/sbin/swapnetctl; keep it right under another PREFIX.
UNITS := swapnet.service swapnet-retry.timer swapnet-metrics.service \
	 swapnet-metrics.timer swapnet-monitor.service
install-units:
	$(INSTALL) -d "$(DESTDIR)$(UNITDIR)"
	@set -e; for u in $(UNITS); do \
		echo "  INSTALL etc/$$u -> $(DESTDIR)$(UNITDIR)"; \
		sed 's|/usr/sbin/swapnetctl|$(SBINDIR)/swapnetctl|' etc/$$u \
			> "$(DESTDIR)$(UNITDIR)/$$u"; \
		chmod 0644 "$(DESTDIR)$(UNITDIR)/$$u"; \
	done
	$(INSTALL) -D -m 0644 etc/prometheus/swapnet-alerts.yml \
		"$(DESTDIR)$(PREFIX)/share/swapnet/prometheus/swapnet-alerts.yml"

# Never overwrite the admin's configuration.
install-config:
	@if [ -e "$(DESTDIR)$(SYSCONFDIR)/swapnet.conf" ]; then \
		echo "  KEEP    $(DESTDIR)$(SYSCONFDIR)/swapnet.conf (exists)"; \
	else \
		echo "  INSTALL etc/swapnet.conf -> $(DESTDIR)$(SYSCONFDIR)"; \
		$(INSTALL) -D -m 0644 etc/swapnet.conf "$(DESTDIR)$(SYSCONFDIR)/swapnet.conf"; \
	fi

# With DESTDIR only the source tree is staged (for a package whose
# postinst runs dkms); without it dkms must be installed.
dkms-install:
	@[ -n "$(DESTDIR)" ] || command -v dkms >/dev/null 2>&1 || { \
		echo "make dkms-install: dkms is not installed (apt-get install dkms), or use 'make install'" >&2; \
		exit 1; }
	rm -rf "$(DESTDIR)$(DKMSSRC)/swapnet-$(VERSION)"
	$(INSTALL) -d "$(DESTDIR)$(DKMSSRC)/swapnet-$(VERSION)/uapi"
	$(INSTALL) -m 0644 $(DKMS_FILES) VERSION "$(DESTDIR)$(DKMSSRC)/swapnet-$(VERSION)/"
	$(INSTALL) -m 0644 kmod/uapi/*.h "$(DESTDIR)$(DKMSSRC)/swapnet-$(VERSION)/uapi/"
	sed 's/#MODULE_VERSION#/$(VERSION)/' kmod/dkms.conf \
		> "$(DESTDIR)$(DKMSSRC)/swapnet-$(VERSION)/dkms.conf"
	@if [ -n "$(DESTDIR)" ]; then \
		echo "DESTDIR set: source staged, dkms add/build/install left to the target"; \
	else \
		dkms status -m swapnet -v $(VERSION) | grep -q . && \
			dkms remove -m swapnet -v $(VERSION) --all; \
		dkms add -m swapnet -v $(VERSION) || exit 1; \
		kernels=$$($(MAKE) -s --no-print-directory -C kmod $(MODULE_KERNEL) kernels) || exit 1; \
		for k in $$kernels; do \
			dkms build -m swapnet -v $(VERSION) -k $$k && \
			dkms install -m swapnet -v $(VERSION) -k $$k || exit 1; \
		done; \
	fi

uninstall:
	rm -f "$(DESTDIR)/lib/modules/$(KVER)/extra/swapnet.ko"
	-$(DEPMOD) -b "$(if $(DESTDIR),$(DESTDIR),/)" $(KVER)
	rm -f "$(DESTDIR)$(SBINDIR)/swapnetctl" "$(DESTDIR)$(BINDIR)/swapnettop"
	rm -f "$(DESTDIR)$(COMPLDIR)/swapnetctl" "$(DESTDIR)$(COMPLDIR)/swapnettop"
	for u in $(UNITS); do rm -f "$(DESTDIR)$(UNITDIR)/$$u"; done
	rm -rf "$(DESTDIR)$(PREFIX)/share/swapnet"
	@for m in $(MAN_PAGES); do sec=$${m##*.}; \
		rm -f "$(DESTDIR)$(MANDIR)/man$$sec/$$(basename $$m)"; done
