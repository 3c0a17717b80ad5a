# Shared by the benches/*.sh scripts (sourced): the median of numbers on standard input,
# and the median wall time of RUNS runs of a shell command after one warm-up run, for
# machines without hyperfine.

median_of() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

time_runs() {
    local cmd="$1"
    bash -c "$cmd"
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s.%N)
        bash -c "$cmd"
        t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc -l
    done | median_of
}
