# shellcheck shell=bash
# Shared by mkbase.sh and run (bash, sourced): copy host files into an
# initramfs staging directory at the same path.

# lab_copy STAGE FILE...: copy host files to the same path, following symlinks.
lab_copy() {
	local stage=$1 f
	shift
	for f; do
		mkdir -p "$stage$(dirname "$f")"
		cp -L --preserve=mode "$f" "$stage$f"
	done
}

# lab_copy_bin STAGE NAME|PATH [DEST]: a binary plus every shared library ldd
# resolves for it (libraries already staged are kept).  DEST, if given, is
# where the binary goes in the guest.
lab_copy_bin() {
	local stage=$1 p lib dest
	case $2 in
	*/*) p=$2 ;;
	*) p=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$2") ||
		{ echo "lab: $2 not found on the host (run: make deps)" >&2; return 1; } ;;
	esac
	[ -f "$p" ] || { echo "lab: $p: no such file" >&2; return 1; }
	dest=${3:-$(readlink -f "$p")}
	mkdir -p "$stage$(dirname "$dest")"
	cp -L --preserve=mode "$p" "$stage$dest"
	for lib in $(ldd "$p" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}'); do
		[ -e "$stage$lib" ] || lab_copy "$stage" "$lib"
	done
}

# lab_copy_to STAGE FILE DEST: copy a host file to DEST in the stage.
lab_copy_to() {
	mkdir -p "$1$(dirname "$3")"
	cp -L --preserve=mode "$2" "$1$3"
}

# lab_copy_mods STAGE KVER MODULE...: kernel modules with their
# dependencies, from the module tree under LAB_KROOT (tests/lab/kernels.sh
# --root: "/" for the host's kernels, the trixie build root for 7.x), to
# the same /lib/modules path in the stage.
lab_copy_mods() {
	local stage=$1 kver=$2 root=${LAB_KROOT:-/} m ko
	shift 2
	[ "$root" = / ] && root=
	for m; do
		modprobe -d "${root:-/}" -S "$kver" --show-depends "$m" >/dev/null ||
			{ echo "lab: kernel module $m not found for $kver${root:+ in $root}" >&2; return 1; }
		for ko in $(modprobe -d "${root:-/}" -S "$kver" --show-depends "$m" | awk '$1=="insmod"{print $2}'); do
			[ -e "$stage${ko#"$root"}" ] || lab_copy_to "$stage" "$ko" "${ko#"$root"}"
		done
	done
}
