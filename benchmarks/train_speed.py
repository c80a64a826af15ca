"""Training throughput: one epoch of the seed recipe beside one epoch of the app's default trainer.

Both sides are timed on training only (test evaluation excluded from both):
the seed's loop over its DataLoader, and the app trainer's own images/s at
the last batch of its first epoch, before its test evaluation. Rounds
alternate seed and app; the figures are medians over the rounds, the ratio
the median of the per-round ratios (each pair ran close together in time).

    .venv/bin/python benchmarks/train_speed.py --variant conv
"""

from __future__ import annotations

from collections.abc import Sequence

import _bench_common as bench


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    p = bench.parser(__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3, help="seed/app epoch pairs to take the median of (default 3)")
    args = p.parse_args(argv)
    mnist = bench.load_data(args)
    seed = bench.seed_recipe(args)
    config = bench.app_config(args, epochs=1)
    print(bench.machine_summary())
    print(bench.threads_summary(args))
    print(f"variant {args.variant}, {seed.train_images} training images, {args.rounds} rounds (evaluation excluded)")
    seed_rates, app_rates = [], []
    for r in range(1, args.rounds + 1):
        seed_s = seed.train_epoch()
        seed_rates.append(seed.train_images / seed_s)
        app = bench.run_app(config, mnist)
        app_rates.append(app.first_epoch_train_img_s)
        print(
            f"round {r}: seed {seed_rates[-1]:,.0f} images/s ({seed_s:.2f} s/epoch), "
            f"app {app_rates[-1]:,.0f} images/s (train() call {app.wall_s:.2f} s with its test evaluation)"
        )
    figures = {
        "ratio": bench.median([a / s for a, s in zip(app_rates, seed_rates, strict=True)]),
        "seed_img_s": bench.median(seed_rates),
        "app_img_s": bench.median(app_rates),
    }
    print(bench.result_line(**figures, variant=args.variant))
    return figures


if __name__ == "__main__":
    main()
