# Debian packages (owned by the packaging work; see README "Install").
# Included by the top-level Makefile.
#
#   make deb    swapnet_VERSION_ARCH.deb and swapnet-dkms_VERSION_all.deb
#               in build/deb/, lintian-checked (errors and warnings fail)
#
# The packages are built from a copy of the tree's tracked files as they
# are now (build/deb/swapnet-VERSION/), with debian/changelog written
# there from VERSION (a native package: the version is VERSION itself)
# and the date of the last commit.  Needs the build dependencies of
# debian/control (make deps installs them).

DEB_DIR  := $(CURDIR)/build/deb
DEB_SRC  := $(DEB_DIR)/swapnet-$(VERSION)
DEB_ARCH := $(shell dpkg --print-architecture)
DEBS     := $(DEB_DIR)/swapnet_$(VERSION)_$(DEB_ARCH).deb \
	    $(DEB_DIR)/swapnet-dkms_$(VERSION)_all.deb

.PHONY: deb

deb:
	rm -rf "$(DEB_DIR)"
	mkdir -p "$(DEB_SRC)"
	cd "$(CURDIR)" && git ls-files -z --cached --others --exclude-standard \
		-- VERSION CHANGELOG README.md Makefile mk kmod tools man etc debian | \
		tar --null --no-recursion -T - -cf - | tar -xf - -C "$(DEB_SRC)"
	{ echo "swapnet ($(VERSION)) unstable; urgency=medium"; echo; \
	  echo "  * swapnet $(VERSION): see /usr/share/doc/swapnet/changelog.gz."; \
	  echo; \
	  echo " -- $$(sed -n 's/^Maintainer: //p' debian/control)  $$(date -R -d @$$(git -C "$(CURDIR)" log -1 --format=%ct 2>/dev/null || date +%s))"; \
	} > "$(DEB_SRC)/debian/changelog"
	cd "$(DEB_SRC)" && dpkg-buildpackage -b -us -uc > "$(DEB_DIR)/build.log" 2>&1 || \
		{ tail -n 40 "$(DEB_DIR)/build.log"; echo "make deb: dpkg-buildpackage failed (log: $(DEB_DIR)/build.log)" >&2; exit 1; }
	@for d in $(DEBS); do [ -f "$$d" ] || { echo "make deb: $$d was not built" >&2; exit 1; }; done
	lintian --fail-on error,warning $(DEB_DIR)/*.changes
	@for d in $(DEBS); do echo "make deb: built $$d"; done
