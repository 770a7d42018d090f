#!/bin/sh
# Install annotator for the current user from the unpacked Linux tarball; no root needed.
#
#   ./install.sh            installs into ~/.local (menu entry, icon and file type included)
#   ./install.sh PREFIX     installs into PREFIX/opt, PREFIX/bin and PREFIX/share instead
#
# The tarball holds, next to this script: annotator/ (the PyInstaller one-folder bundle),
# annotator.desktop, annotator-mime.xml and annotator.png (256 px). Running it again upgrades
# in place. The desktop files are copied by hand rather than with xdg-desktop-menu,
# xdg-icon-resource and xdg-mime install, which ignore PREFIX and are missing on minimal
# systems; the caches are then refreshed with whichever tools exist.
set -eu

say() { printf '%s\n' "$*"; }

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
if [ $# -gt 0 ]; then
    mkdir -p "$1"
    prefix=$(CDPATH='' cd -- "$1" && pwd)
    share=$prefix/share
else
    prefix=$HOME/.local
    share=${XDG_DATA_HOME:-$HOME/.local/share}
fi
app_dir=$prefix/opt/annotator
bin_dir=$prefix/bin

for file in annotator/annotator annotator/annotator-gui annotator.desktop annotator-mime.xml \
    annotator.png; do
    if [ ! -e "$here/$file" ]; then
        say "error: $here/$file is missing; run install.sh from the unpacked tarball" >&2
        exit 1
    fi
done

# Copy beside the old version, then swap, so a failed copy leaves the old one working.
mkdir -p "$prefix/opt"
rm -rf "$app_dir.new"
cp -R "$here/annotator" "$app_dir.new"
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"
say "installed the application in $app_dir"

# Symlinks work: the bootloader finds its _internal/ folder through /proc/self/exe.
mkdir -p "$bin_dir"
for exe in annotator annotator-gui; do
    ln -sfn "$app_dir/$exe" "$bin_dir/$exe"
done
say "linked $bin_dir/annotator and $bin_dir/annotator-gui"

# Menus launch with the login PATH, which may lack ~/.local/bin until the next login, so the
# installed entry names the executable by its full path when the Exec quoting rules allow it.
mkdir -p "$share/applications"
case $app_dir in
    *[\"\`\$\\%\|\&]*) exec_line="Exec=annotator-gui %f" ;;
    *) exec_line="Exec=\"$app_dir/annotator-gui\" %f" ;;
esac
sed "s|^Exec=.*|$exec_line|" "$here/annotator.desktop" > "$share/applications/annotator.desktop"
say "added the menu entry $share/applications/annotator.desktop"

mkdir -p "$share/icons/hicolor/256x256/apps"
cp "$here/annotator.png" "$share/icons/hicolor/256x256/apps/annotator.png"
say "added the icon $share/icons/hicolor/256x256/apps/annotator.png"

mkdir -p "$share/mime/packages"
cp "$here/annotator-mime.xml" "$share/mime/packages/annotator.xml"
say "added the file type $share/mime/packages/annotator.xml (*.annotator)"

# Cache refreshes are best effort: without them the desktop picks the files up at next login.
if command -v update-mime-database > /dev/null 2>&1; then
    update-mime-database "$share/mime" && say "updated the MIME database"
else
    say "skipped: update-mime-database not found (install shared-mime-info to register .annotator)"
fi
if command -v update-desktop-database > /dev/null 2>&1; then
    update-desktop-database -q "$share/applications" && say "updated the desktop database"
else
    say "skipped: update-desktop-database not found"
fi
if command -v gtk-update-icon-cache > /dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
# Only for the user's own data folder: xdg-mime writes ~/.config/mimeapps.list whatever PREFIX is.
if [ $# -eq 0 ] && command -v xdg-mime > /dev/null 2>&1; then
    xdg-mime default annotator.desktop application/x-annotator-project &&
        say "made annotator the default application for .annotator files"
fi

# The window needs X11 libraries from the system: libxcb itself must be the system's (PyInstaller
# leaves it out on purpose), and its helpers (libxcb-cursor0...) come with most desktops but not
# all. So the installed program checks they load, and names the packages to install if not.
if ! "$app_dir/annotator" gui --check-libraries; then
    say "note: the command line works as it is; the window needs the packages named above"
fi

case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) say "note: $bin_dir is not on your PATH; add it to run 'annotator' in a terminal" ;;
esac
if [ $# -gt 0 ]; then
    say "note: desktops read menu entries from \$XDG_DATA_DIRS; add $share to it if needed"
fi
say "done. To uninstall: rm -rf '$app_dir' '$bin_dir/annotator' '$bin_dir/annotator-gui'" \
    "'$share/applications/annotator.desktop' '$share/mime/packages/annotator.xml'" \
    "'$share/icons/hicolor/256x256/apps/annotator.png'"
