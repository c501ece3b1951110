#!/bin/sh
# Makes assets/icc/fogra39l-300.icc, the CMYK output profile `--press` converts colours with and embeds
# as the PDF's output intent. Input: the FOGRA39L characterisation data (offset printing on coated
# paper, ISO 12647-2:2004/Amd 1) as Debian's icc-profiles-free package ships it under the zlib licence
# (/usr/share/color/icc/FOGRA39L.ti3). Tool: ArgyllCMS colprof (Debian package argyll); a profile it
# writes is data made from the measurements, not a part of the program.
#
# Settings: medium quality A2B tables with small B2A tables (the file stays under 100 KB), black
# generated on a ramp, total ink limited to 300 % (safe on coated and most uncoated stock), and the
# perceptual tables gamut-mapped from sRGB. The profile header carries the day it was made, so a
# rerun gives a different file with the same colours.
set -eu
cd "$(dirname "$0")/.."
ti3=${1:-/usr/share/color/icc/FOGRA39L.ti3}
srgb=${2:-/usr/share/color/argyll/ref/sRGB.icm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ti3" "$work/fogra39l-300.ti3"
colprof -qm -bl -nc -kr -l300 -S "$srgb" -cmt -dpp \
    -A "campaignkit" -M "Offset, coated paper (FOGRA39), 300% ink" \
    -D "campaignkit FOGRA39L coated 300%" \
    -C "zlib licence. Made from FOGRA39L.ti3 (Fogra measurements; icc-profiles-free, Kai-Uwe Behrmann) with ArgyllCMS colprof" \
    "$work/fogra39l-300"
cp "$work/fogra39l-300.icc" assets/icc/fogra39l-300.icc
ls -l assets/icc/fogra39l-300.icc
