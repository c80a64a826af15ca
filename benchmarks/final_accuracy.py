"""Final accuracy of the app's default training (as `lenet-gui train` with defaults), with its wall time.

Trains both variants one after the other (or the one named with --variant)
and prints each one's MNIST test accuracy after the last epoch and the wall
time of the whole train() call, its per-epoch test evaluations included.

    .venv/bin/python benchmarks/final_accuracy.py
"""

from __future__ import annotations

from collections.abc import Sequence

import _bench_common as bench

from lenet_gui.core.variants import VARIANTS


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = bench.parser(__doc__.splitlines()[0])
    p.set_defaults(variant=None)
    p.add_argument("--epochs", type=int, help="override the default number of epochs (for trying out)")
    args = p.parse_args(argv)
    mnist = bench.load_data(args)
    print(bench.machine_summary())
    figures: dict[str, float] = {}
    for variant in [args.variant] if args.variant else list(VARIANTS):
        config = bench.app_config(args, variant)
        if args.epochs:
            config.epochs = args.epochs
        run = bench.run_app(config, mnist)
        for e in run.epoch_ends:
            print(f"{variant} epoch {e.epoch}/{e.epochs}: test accuracy {e.test_accuracy:.2%} at {e.elapsed_s:.1f} s")
        figures[f"{variant}_acc"] = run.accuracy
        figures[f"{variant}_s"] = run.wall_s
    ordered = {k: figures[k] for suffix in ("_acc", "_s") for k in figures if k.endswith(suffix)}
    print(bench.result_line(**ordered))
    return ordered


if __name__ == "__main__":
    main()
