"""Start-up benchmark: what a command costs before it does its work, each in a fresh process.

Measured in one run, median of ``--repeat`` fresh processes each:

- ``reechain --help`` against the baseline ``python -c "import typer"`` (the CLI library alone);
  target: under 0.3 s;
- ``reechain plan solve`` of the 1-period example (``../shared/examples/planning_small.yaml``) against the
  same baseline, for the record;
- ``reechain plan solve`` of the generated 52-week year (``benchmarks/planning.py``'s ``generate()``, written
  as a YAML file) end to end (start, read, validate, build, solve, plan document, JSON written), against the
  bare HiGHS solve of the same model: a fresh Python process that imports highspy, reads the model from an
  MPS file written by reechain and runs HiGHS with the same options (IPM with crossover). Target: within 1.1×.
  The two are run alternately (bare, reechain, bare, …; ``--repeat`` / 2 times each, at least once) so that
  both see the same load; CPU times are printed for the record.

Usage: ``.venv/bin/python benchmarks/startup.py [--repeat 5]``; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "planning_small.yaml"
REECHAIN = [str(Path(sys.executable).parent / "reechain")]
HELP_TARGET_S = 0.3
YEAR_RATIO_TARGET = 1.1

BARE_HIGHS = """
import sys, time
import highspy
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("solver", "ipm")
h.setOptionValue("run_crossover", "on")
h.readModel(sys.argv[1])
h.run()
print(h.getInfo().objective_function_value)
"""


def wall_s(cmd: list[str], *, repeat: int) -> tuple[float, str]:
    """Median wall seconds of REPEAT fresh runs of CMD, and the last run's standard output."""
    times: list[float] = []
    out = ""
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
        out = done.stdout
    return statistics.median(times), out


def wall_pair(a: list[str], b: list[str], *, repeat: int) -> tuple[float, float, float, float, str]:
    """Median wall and CPU seconds of A and B run alternately REPEAT times each (A, B, A, B, …), so both
    see the same load; and A's last standard output."""
    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    out = ""
    for _ in range(repeat):
        for side, cmd in enumerate((a, b)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            walls[side].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[side].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
            if side == 0:
                out = done.stdout
    median = statistics.median
    return median(walls[0]), median(walls[1]), median(cpus[0]), median(cpus[1]), out


def write_year(folder: Path) -> tuple[Path, Path]:
    """The 52-week problem as a planning file and as an MPS model of the same LP."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from planning import generate
    from reechain.planning.model import build_model
    from reechain.planning.solve import SolveOptions, make_highs
    from reechain.planning.validation import problem_from_data

    data = generate()
    problem_file = folder / "year.yaml"
    problem_file.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")
    model = build_model(problem_from_data(data))
    h = make_highs(SolveOptions(solver="ipm", run_crossover="on"))
    model.lp.to_highs(h)
    mps = folder / "year.mps"
    h.writeModel(str(mps))
    return problem_file, mps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env_note = f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores"
    print(f"start-up benchmark ({env_note}), median of {args.repeat} fresh processes each")

    typer_s, _ = wall_s([sys.executable, "-c", "import typer"], repeat=args.repeat)
    help_s, _ = wall_s([*REECHAIN, "--help"], repeat=args.repeat)
    print(f"baseline python -c 'import typer':     {typer_s:6.3f} s")
    print(f"reechain --help:                       {help_s:6.3f} s  (target < {HELP_TARGET_S} s)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small_s, _ = wall_s(
            [*REECHAIN, "plan", "solve", str(EXAMPLE), "--json", str(folder / "small.json")],
            repeat=args.repeat,
        )
        print(f"reechain plan solve (1-period example): {small_s:6.3f} s")

        problem_file, mps = write_year(folder)
        year_runs = max(1, args.repeat // 2)
        bare_s, ours_s, bare_cpu, ours_cpu, bare_out = wall_pair(
            [sys.executable, "-c", BARE_HIGHS, str(mps)],
            [*REECHAIN, "plan", "solve", str(problem_file), "--json", str(folder / "year.json")],
            repeat=year_runs,
        )
        import json

        ours_objective = json.loads((folder / "year.json").read_text(encoding="utf-8"))["objective"]
        bare_objective = float(bare_out.strip())
        if abs(ours_objective - bare_objective) > 1e-6 * max(1.0, abs(bare_objective)):
            raise SystemExit(f"objectives differ: reechain {ours_objective} vs HiGHS {bare_objective}")
        ratio = ours_s / bare_s
        print(f"bare HiGHS (fresh python, read MPS, ipm+crossover), 52 weeks: {bare_s:6.3f} s")
        print(
            f"reechain plan solve, 52 weeks, end to end:                  {ours_s:6.3f} s  "
            f"ratio {ratio:.3f}× (target ≤ {YEAR_RATIO_TARGET}×), objective {ours_objective:,.2f}"
        )
        print(
            f"  CPU (user + system, all threads): bare HiGHS {bare_cpu:.3f} s, reechain {ours_cpu:.3f} s, "
            f"ratio {ours_cpu / bare_cpu:.3f}× (for the record)"
        )

    missed = []
    if help_s >= HELP_TARGET_S:
        missed.append(f"--help {help_s:.3f} s ≥ {HELP_TARGET_S} s")
    if ratio > YEAR_RATIO_TARGET:
        missed.append(f"52-week ratio {ratio:.3f} > {YEAR_RATIO_TARGET}")
    if missed:
        print("TARGET MISSED: " + "; ".join(missed))
        return 1
    print("targets met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
