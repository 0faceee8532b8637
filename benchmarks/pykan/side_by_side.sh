#!/bin/sh
# fit-toy side by side: Kan's named run (all cores, then one thread) and pykan's same fit
# (benchmarks/pykan/kan_runs.py), alternating, in one run, with the machine's load before each.
# Each side reports the median of FITS timed fits (after its warm-up), so one fit slowed by the machine's
# other tenants does not decide a round. Never run by tests or CI.
#   sh benchmarks/pykan/side_by_side.sh [pykan path, default /work/pykan] [rounds, default 2] [fits, default 3]
set -e
cd "$(dirname "$0")/../.."
PYKAN=${1:-/work/pykan}
ROUNDS=${2:-2}
FITS=${3:-3}
dotnet build benchmarks/Kan.Benchmarks -c Release -v q -nologo > /dev/null
round=1
while [ "$round" -le "$ROUNDS" ]; do
  echo "round $round, $(date -u +%H:%M:%S) UTC, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  kan:   $(dotnet benchmarks/Kan.Benchmarks/bin/Release/net10.0/Kan.Benchmarks.dll fit-toy -1 "$FITS" | tr '\n' ' ')"
  echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  kan, 1 thread: $(dotnet benchmarks/Kan.Benchmarks/bin/Release/net10.0/Kan.Benchmarks.dll fit-toy 1 "$FITS" | tr '\n' ' ')"
  echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  pykan: $(PYTHONPATH=$PYKAN /usr/bin/python3 benchmarks/pykan/kan_runs.py fit-toy 0 "$FITS" | tr '\n' ' ')"
  round=$((round + 1))
done
