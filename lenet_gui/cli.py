"""The ``lenet-gui`` command: the desktop app, and train / evaluate / predict / convert / import / export.

The arguments are parsed before torch is imported (each command imports what it uses), so that
``--help``, ``--version`` and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lenet_gui import __version__
from lenet_gui.core.configs import PRECISIONS, FinetuneConfig, TrainConfig
from lenet_gui.core.devices import DEVICE_CHOICES
from lenet_gui.core.variants import VARIANTS
from lenet_gui.errors import LenetError

if TYPE_CHECKING:
    from lenet_gui.core.predictor import Predictor

PROG = "lenet-gui"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog=PROG, description="Draw a digit, LeNet-5 reads it.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the main window offscreen into a PNG and exit")
    parser.add_argument(
        "--draw", metavar="DIGIT", type=int, choices=range(10), help="with --screenshot: draw a sample digit first"
    )
    parser.add_argument("--lang", metavar="LANG", help="interface language (en, zh_CN)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    variant = argparse.ArgumentParser(add_help=False)
    variant.add_argument(
        "--variant", choices=list(VARIANTS), default="conv", help="C5 as conv or linear (default conv)"
    )
    file_variant = argparse.ArgumentParser(add_help=False)
    file_variant.add_argument(
        "--variant", choices=list(VARIANTS), help="C5 as conv or linear (default: the weights file's, else conv)"
    )
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", metavar="D", help="MNIST root folder (default: $LENET_DATA_DIR or the user cache)")
    device = argparse.ArgumentParser(add_help=False)
    device.add_argument("--device", choices=DEVICE_CHOICES, default="auto")
    weights = argparse.ArgumentParser(add_help=False)
    weights.add_argument(
        "--weights",
        metavar="FILE",
        help="weights file: lenet-gui .safetensors or a PyTorch state dict such as the tutorial's .pth "
        "(default: yours, else the bundled ones)",
    )

    d = TrainConfig()
    p = sub.add_parser("train", parents=[variant, data, device], help="train on MNIST and the bundled pen digits")
    p.add_argument("--epochs", type=_positive_int, default=d.epochs, help=f"default {d.epochs}")
    p.add_argument("--batch-size", type=_positive_int, default=d.batch_size, help=f"default {d.batch_size}")
    p.add_argument("--lr", type=float, default=d.lr, help=f"peak learning rate, default {d.lr:g}")
    p.add_argument("--optimizer", choices=["adamw", "sgd"], default=d.optimizer)
    p.add_argument(
        "--no-augment", dest="augment", action="store_false", help="no random distortions and no added writing styles"
    )
    p.add_argument(
        "--pen-copies",
        type=int,
        default=d.pen_copies,
        metavar="N",
        help=f"draw each bundled pen digit N times and add them to MNIST; 0: MNIST only (default {d.pen_copies})",
    )
    p.add_argument(
        "--scan-share",
        type=float,
        default=d.scan_share,
        metavar="X",
        help=f"show this share of the pen digits' drawings as black-and-white scans (default {d.scan_share})",
    )
    p.add_argument(
        "--quick-epochs",
        type=int,
        default=d.quick_epochs,
        metavar="N",
        help=f"a short first cycle of N epochs for a usable model early; 0: one cycle (default {d.quick_epochs})",
    )
    p.add_argument(
        "--precision",
        choices=list(PRECISIONS),
        default=d.precision,
        help="auto: bfloat16 where the hardware computes it natively, else fp32 (default auto)",
    )
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--threads", type=_positive_int, default=None, help="CPU threads (default: all cores)")
    p.add_argument(
        "--train-limit", type=_positive_int, default=None, metavar="N", help="use only the first N training images"
    )
    p.add_argument("--out", metavar="FILE", help="where to save (default: your weights for this variant)")

    p = sub.add_parser("evaluate", parents=[file_variant, weights, data, device], help="MNIST test accuracy")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("predict", parents=[file_variant, weights, device], help="read digits from image files")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--multi", action="store_true", help="read a number: every digit, left to right")
    p.add_argument("images", nargs="+", metavar="IMAGE")

    f = FinetuneConfig()
    p = sub.add_parser(
        "finetune", parents=[file_variant, weights, data, device], help="fine-tune on your own samples mixed with MNIST"
    )
    p.add_argument("--samples", metavar="DIR", help="samples folder (default: the one the app stores them in)")
    p.add_argument("--epochs", type=_positive_int, default=f.epochs, help=f"default {f.epochs}")
    p.add_argument("--out", metavar="FILE", help="where to save (default: your weights for this variant)")
    p.add_argument("--dry-run", action="store_true", help="report the accuracies before and after, save nothing")

    p = sub.add_parser("convert", help="convert weights between conv C5 and linear C5 exactly")
    p.add_argument("--from", dest="source", choices=list(VARIANTS), help="variant of IN (default: from its metadata)")
    p.add_argument("input", metavar="IN")
    p.add_argument("--out", required=True, metavar="OUT")

    p = sub.add_parser(
        "import", parents=[file_variant, data], help="turn a PyTorch state dict (the tutorial's .pth) into app weights"
    )
    p.add_argument("input", metavar="FILE.pth")
    p.add_argument("--out", metavar="FILE", help="where to save (default: your weights for its variant)")

    p = sub.add_parser(
        "export", parents=[file_variant, weights], help="write weights as ONNX or in the tutorial's state dict layout"
    )
    p.add_argument("--format", choices=["onnx", "tutorial"], help="default: from the name of --out (.onnx, .pth)")
    p.add_argument("--out", required=True, metavar="FILE")

    p = sub.add_parser(
        "install-desktop", help="add the app to the desktop's launcher (an XDG desktop entry with its icon)"
    )
    p.add_argument("--remove", action="store_true", help="take the entry and the icon away again")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    commands = {
        "train": _train,
        "evaluate": _evaluate,
        "predict": _predict,
        "convert": _convert,
        "finetune": _finetune,
        "import": _import,
        "export": _export,
        "install-desktop": _install_desktop,
    }
    try:
        if args.command is None:
            return _gui(args)
        return commands[args.command](args)
    except LenetError as exc:
        _error(exc)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whatever read the output stopped reading (`lenet-gui predict --json *.png | head`): stop quietly, as Unix
        # tools do, and keep Python's final flush of stdout from failing again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool that SIGPIPE stopped


def _gui(args: argparse.Namespace) -> int:
    try:
        from lenet_gui.gui.app import run_app
    except ImportError as exc:
        raise LenetError(f"the desktop app cannot start: {exc}") from exc
    return run_app(screenshot=args.screenshot, draw=args.draw, lang=args.lang)


def _train(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from lenet_gui.core.data import load_mnist
    from lenet_gui.core.trainer import Progress, train
    from lenet_gui.core.weights import save_weights, user_path

    config = TrainConfig(
        variant=args.variant,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        optimizer=args.optimizer,
        augment=args.augment,
        pen_copies=args.pen_copies,
        scan_share=args.scan_share,
        precision=args.precision,
        quick_epochs=args.quick_epochs,
        seed=args.seed,
        device=args.device,
        threads=args.threads,
        train_limit=args.train_limit,
    )
    config.validate()
    out = Path(args.out) if args.out else user_path(args.variant)
    mnist = load_mnist(args.data_dir)
    bar: tqdm | None = None

    def report(p: Progress) -> None:
        nonlocal bar
        if p.message:
            tqdm.write(f"note: {p.message}")
        if bar is None:
            bar = tqdm(total=p.batches, desc=f"epoch {p.epoch}/{p.epochs}", unit="batch", leave=False)
        bar.n = p.batch
        bar.set_postfix(loss=f"{p.loss:.4f}", img_s=f"{p.images_per_s:,.0f}", refresh=True)
        if p.test_accuracy is not None:
            bar.close()
            bar = None
            print(
                f"epoch {p.epoch}/{p.epochs}: loss {p.loss:.4f}, test accuracy {p.test_accuracy:.2%}, "
                f"{p.images_per_s:,.0f} images/s, {p.elapsed_s:.1f} s"
            )

    try:
        result = train(config, mnist, on_progress=report)
    finally:
        if bar is not None:
            bar.close()
    save_weights(out, result.state_dict, result.meta)
    print(result.meta.note)
    print(f"final test accuracy {result.test_accuracy:.2%} ({args.variant} C5); weights saved to {out}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from lenet_gui.core.data import load_mnist
    from lenet_gui.core.evaluation import evaluate
    from lenet_gui.core.predictor import Predictor

    predictor = Predictor.load(args.variant, args.weights, args.device)
    _warn(predictor.weights.warning)
    _note(predictor.device_notice)
    test = load_mnist(args.data_dir).test
    accuracy = evaluate(predictor.model, test, predictor.device)
    if args.json:
        print(json.dumps({"variant": predictor.variant, "accuracy": accuracy, "n": len(test)}))
    else:
        where = predictor.weights.path
        print(f"{predictor.variant} C5 ({where}): test accuracy {accuracy:.2%} on {len(test):,} images")
    return 0


def _predict(args: argparse.Namespace) -> int:
    from lenet_gui.core.images import load_image
    from lenet_gui.core.predictor import Predictor

    predictor = Predictor.load(args.variant, args.weights, args.device)
    _warn(predictor.weights.warning)
    _note(predictor.device_notice)
    if args.multi:
        return _predict_multi(args, predictor)
    from lenet_gui.core.calibration import calibration_for
    from lenet_gui.core.segment import read_whole

    calibration = calibration_for(predictor.weights)
    results, failed = [], 0
    for path in args.images:
        try:
            reading = read_whole(predictor, load_image(path), calibration)
        except LenetError as exc:
            _error(exc)
            failed += 1
            continue
        digit = reading.digits[0] if reading.digits else None
        verdict = None if digit is None else digit.verdict
        results.append(
            {
                "path": path,
                "digit": None if digit is None else digit.digit,
                "confidence": 0.0 if digit is None else digit.confidence,
                "sure": None if verdict is None else verdict.sure,
                "reason": None if verdict is None else verdict.reason,
                "probabilities": [0.0] * 10 if digit is None else [float(p) for p in digit.probabilities],
            }
        )
        if not args.json:
            doubt = "" if verdict is None or verdict.sure else f", not sure: {verdict.reason}"
            answer = "no digit" if digit is None else f"{digit.digit} ({digit.confidence:.1%}{doubt})"
            print(f"{path}: {answer}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def _convert(args: argparse.Namespace) -> int:
    from lenet_gui.core.convert import PROBE_INPUTS, convert_weights
    from lenet_gui.core.weights import load_weights, save_weights

    state, meta = load_weights(args.input, args.source)
    conversion = convert_weights(state, meta)
    save_weights(args.out, conversion.state_dict, conversion.meta)
    print(
        f"converted {conversion.source} -> {conversion.target}: {args.out} "
        f"(max probability difference {conversion.probe_difference:.2e} on {PROBE_INPUTS} inputs)"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from lenet_gui.core.data import load_mnist, mnist_present
    from lenet_gui.core.interop import import_weights, install_as_user_weights
    from lenet_gui.core.paths import data_dir
    from lenet_gui.core.weights import save_weights

    test = load_mnist(args.data_dir, download=False).test if mnist_present(data_dir(args.data_dir)) else None
    state, meta = import_weights(args.input, args.variant, test)
    out = save_weights(args.out, state, meta) if args.out else install_as_user_weights(state, meta)
    accuracy = "" if meta.test_accuracy is None else f", MNIST test accuracy {meta.test_accuracy:.2%}"
    print(f"{meta.note} (sha256 {meta.imported['sha256'][:12]}…){accuracy}")
    print(f"saved as {meta.variant} C5 weights to {out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from lenet_gui.core.interop import export_weights
    from lenet_gui.core.model_formats import format_for
    from lenet_gui.core.weights import load_for_variant

    fmt = args.format or format_for(args.out)
    weights = load_for_variant(args.variant, args.weights)
    _warn(weights.warning)
    out = export_weights(weights, fmt, args.out)
    print(f"exported {weights.description} {weights.meta.variant} C5 weights as {fmt} to {out}")
    return 0


def _positive_int(text: str) -> int:
    """An argparse type for counts that must be at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _error(exc: LenetError) -> None:
    """Print ``exc`` as one line on stderr (messages from libraries can span several)."""
    print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr)


def _note(message: str | None) -> None:
    if message:
        print(f"{PROG}: note: {' '.join(message.split())}", file=sys.stderr)


def _warn(message: str | None) -> None:
    """One line on stderr, e.g. that the user's weights were unreadable and the bundled ones stood in."""
    if message:
        print(f"{PROG}: warning: {' '.join(message.split())}", file=sys.stderr)


def _predict_multi(args: argparse.Namespace, predictor: Predictor) -> int:
    from lenet_gui.core.calibration import calibration_for
    from lenet_gui.core.images import load_image
    from lenet_gui.core.segment import read_drawing

    calibration = calibration_for(predictor.weights)
    results, failed = [], 0
    for path in args.images:
        try:
            reading = read_drawing(predictor, load_image(path), calibration)
        except LenetError as exc:
            _error(exc)
            failed += 1
            continue
        digits = [
            {
                "box": list(d.box),
                "digit": d.digit,
                "confidence": d.confidence,
                "sure": None if d.verdict is None else d.verdict.sure,
                "reason": None if d.verdict is None else d.verdict.reason,
            }
            for d in reading.digits
        ]
        results.append({"path": path, "text": reading.text, "digits": digits})
        if not args.json:
            each = ", ".join(f"{d.digit} {d.confidence:.1%}" for d in reading.digits)
            print(f"{path}: {reading.text} ({each})" if reading.digits else f"{path}: no digit")
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def _finetune(args: argparse.Namespace) -> int:
    from lenet_gui.core.calibration import calibration_for
    from lenet_gui.core.data import load_mnist
    from lenet_gui.core.finetune import finetune
    from lenet_gui.core.samples import SampleStore
    from lenet_gui.core.weights import LoadedWeights, load_for_variant, save_weights, user_path

    store = SampleStore(args.samples)
    samples = store.load_split()
    _note(store.rebuilt)
    start = load_for_variant(args.variant, args.weights)
    variant = start.meta.variant
    _warn(start.warning)
    mnist = load_mnist(args.data_dir)
    print(f"fine-tuning {start.description} {variant} weights on {len(samples)} samples from {store.root}")
    result = finetune(start, samples, mnist, FinetuneConfig(epochs=args.epochs, device=args.device))
    print(f"MNIST test accuracy: {result.mnist_before:.2%} before, {result.mnist_after:.2%} after")
    if result.personal_before is None:
        print("no held-out samples to measure on (add at least 3 samples of a digit)")
    else:
        print(
            f"held-out personal samples ({result.held_out}): "
            f"{result.personal_before:.2%} before, {result.personal_after:.2%} after"
        )
    if args.dry_run:
        print("dry run: nothing saved")
        return 0
    out = Path(args.out) if args.out else user_path(variant)
    save_weights(out, result.state_dict, result.meta)
    if out == user_path(variant):
        calibration_for(LoadedWeights(result.state_dict, result.meta, out, "user"), args.data_dir)
    print(f"weights saved to {out}")
    return 0


def _install_desktop(args: argparse.Namespace) -> int:
    from lenet_gui.core.desktop_entry import install_desktop_entry, remove_desktop_entry

    try:
        if args.remove:
            removed = remove_desktop_entry()
            print("\n".join(f"removed {path}" for path in removed) or "no desktop entry was installed")
            return 0
        files = install_desktop_entry()
    except OSError as exc:
        raise LenetError(f"cannot write the desktop entry: {exc}") from exc
    print(f"desktop entry: {files.entry}\nicon: {files.icon}")
    return 0
