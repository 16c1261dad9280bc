# shellcheck shell=sh
# listing-digest.sh FOLDER [FOLLOW]: prints the records of FOLDER sorted bytewise, then sha256sum's line for them;
# exit status: find's. Two folders whose digests are equal hold the same entries with the same type, size (files),
# mtime, mode and owner: a push between them has nothing to do, unless links are involved (their targets are not
# in the digest, so the caller takes no shortcut when this side has any; the other side then cannot match either,
# since its digest would cover a link line).
cd -- "$1" || exit 4
exec 4>&1
status=$( { { records "${2:--P}"; echo $? >&3; } | LC_ALL=C sort -z | tee /dev/fd/4 | sha256sum >&4; } 3>&1 )
exit "${status:-1}"
