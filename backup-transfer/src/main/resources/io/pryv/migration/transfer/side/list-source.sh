# shellcheck shell=sh
# list-source.sh FOLDER ZIP FOLLOW: prints the sorted listing of FOLDER (uid_header, sorted_records), which must
# exist (exit 3: missing or not a folder). ZIP: gzip or plain; FOLLOW: -L or -P.
d=$1
if [ ! -e "$d" ]; then echo "no such folder: $d" >&2; exit 3; fi
if [ ! -d "$d" ]; then echo "$d is not a folder" >&2; exit 3; fi
cd -- "$d" || exit 4
print_listing "$2" sorted_records "$3"
