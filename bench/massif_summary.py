#!/usr/bin/env python3
"""Where the heap is at a massif snapshot, by the first frame of plansite's own code.

    cargo build --release --example heap
    valgrind --tool=massif --massif-out-file=massif.out --depth=60 --threshold=0.05 \
        target/release/examples/heap ROOT OUT
    python3 bench/massif_summary.py massif.out [SNAPSHOT|peak] [ROWS]

Each allocation still live at the snapshot is counted under the first frame, from the
allocation up, that is plansite's (a `plansite::` function, or a file of this crate, which
massif names without its folder); allocations massif gathered below its threshold go to the nearest of plansite's frames above
them (one row where there is none).
"""
import collections
import re
import sys


def snapshots(lines):
    i = 0
    while i < len(lines):
        if lines[i].startswith("snapshot="):
            snap = {"n": int(lines[i].split("=")[1])}
            j = i + 1
            while j < len(lines) and not lines[j].startswith(("snapshot=", "n")):
                key, _, value = lines[j].partition("=")
                snap[key] = value
                j += 1
            snap["start"] = j
            yield snap
            i = j
        else:
            i += 1


# Functions of the standard library that massif shows inlined, with a file name but no folder.
STD_INLINED = {
    "grow_amortized", "finish_grow", "reserve", "do_reserve_and_handle", "grow_one", "push",
    "extend", "extend_trusted", "spec_extend", "with_capacity", "with_capacity_in", "to_vec",
    "to_owned", "clone", "from_iter", "collect", "allocate", "alloc_impl", "UnknownInlinedFun",
    "append_elements", "extend_from_slice",
}


def ours(frame):
    """The function and place of a frame if it is plansite's own code."""
    text = frame.split(": ", 1)[1] if ": " in frame else frame
    name, _, place = text.rpartition(" (")
    if place.startswith(("alloc.rs", "raw_vec", "sync.rs", "string.rs", "slice.rs")):
        return None  # the standard library's, named without its folder
    if name.split("<")[0] in STD_INLINED:
        return None
    if name.startswith(("alloc::", "<alloc::", "core::", "<core::", "std::", "<std::", "hashbrown", "<hashbrown")):
        return None
    if name.startswith(("plansite::", "<plansite::")) or re.match(r"^[a-z_0-9]+\.rs:\d+\)$", place):
        return place.rstrip(")") + "  " + name[:100]
    return None


def main():
    path = sys.argv[1]
    which = sys.argv[2] if len(sys.argv) > 2 else "peak"
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    snaps = list(snapshots(lines))
    if which == "peak":
        snap = next(s for s in snaps if s.get("heap_tree") == "peak")
    else:
        snap = next(s for s in snaps if s["n"] == int(which))
    print(f"snapshot {snap['n']}: heap {int(snap['mem_heap_B']) / 1e6:.1f} MB", flush=True)
    if snap.get("heap_tree") == "empty":
        detailed = [s["n"] for s in snaps if s.get("heap_tree") != "empty"]
        sys.exit(f"massif kept no tree at this snapshot; it did at {detailed} (--detailed-freq=1 for all)")
    totals = collections.Counter()
    sys.setrecursionlimit(100000)

    def walk(j, stack):
        m = re.match(r"(\s*)n(\d+): (\d+) (.*)", lines[j])
        kids, size, desc = int(m.group(2)), int(m.group(3)), m.group(4)
        stack = stack + [desc]
        j += 1
        if kids == 0:
            # Allocations massif gathered below its threshold go to the nearest of plansite's
            # frames above them (at the top of the tree, they are one row).
            fallback = "(below massif's threshold)" if "below massif" in desc else "(not plansite's code)"
            key = next((k for k in map(ours, stack[1:]) if k), fallback)
            totals[key] += size
            return j
        for _ in range(kids):
            j = walk(j, stack)
        return j

    walk(snap["start"], [])
    whole = sum(totals.values())
    for key, size in totals.most_common(rows):
        print(f"{size / 1e6:8.1f} MB {100 * size / whole:5.1f} %  {key}")


if __name__ == "__main__":
    main()
