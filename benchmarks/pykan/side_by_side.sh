#!/bin/sh
# fit-toy side by side: Kan's named run (all cores, then one thread) and pykan's same fit
# (benchmarks/pykan/kan_runs.py), alternating, twice, in one run, with the machine's load before each.
# Never run by tests or CI.
#   sh benchmarks/pykan/side_by_side.sh [pykan path, default /work/pykan]
set -e
cd "$(dirname "$0")/../.."
PYKAN=${1:-/work/pykan}
dotnet build benchmarks/Kan.Benchmarks -c Release -v q -nologo > /dev/null
for round in 1 2; do
  echo "round $round, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  kan:   $(dotnet benchmarks/Kan.Benchmarks/bin/Release/net10.0/Kan.Benchmarks.dll fit-toy | tr '\n' ' ')"
  echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  kan, 1 thread: $(dotnet benchmarks/Kan.Benchmarks/bin/Release/net10.0/Kan.Benchmarks.dll fit-toy 1 | tr '\n' ' ')"
  echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  pykan: $(PYTHONPATH=$PYKAN /usr/bin/python3 benchmarks/pykan/kan_runs.py fit-toy | tr '\n' ' ')"
done
