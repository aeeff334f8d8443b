"""What the Python peers of `npm run bench` share: arguments, timing and the JSON they print.

Each peer prints exactly one line on stdout, ``PEER_JSON {...}``, whose ``steps`` use the same
fields as gantry's StepMeasurement (bench/cases/types.ts), so both go into one table.
"""

import argparse
import json
import statistics
import time

# Shapes and hyper-parameters shared with bench/cases/index.ts and bench/steps/*.ts.
DCGAN_BATCH = 64
DCGAN_NOISE = 100
MLP_BATCH = 256
MLP_NOISE = 2
MLP_WIDTH = 512
MLP_DEPTH = 3
LEARNING_RATE = 5e-5
RMSPROP_DECAY = 0.9
RMSPROP_EPSILON = 1e-10
WGAN_CLIP = 0.01
GP_WEIGHT = 10.0


def parse_args(description):
    """Parses the flags every peer takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--models", default="dcgan,mlp", help="comma-separated: dcgan, mlp")
    parser.add_argument("--threads", type=int, default=1, help="compute threads")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls per step")
    parser.add_argument("--repeats", type=int, default=10, help="timed calls per step")
    args = parser.parse_args()
    args.models = [name for name in args.models.split(",") if name]
    return args


def measure(model, step, runtime, impl, threads, batch, call, args):
    """Times `call` (which must finish its work, e.g. read the loss back) like bench/timing.ts."""
    for _ in range(args.warmup):
        call()
    samples = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000.0)
    median_ms = statistics.median(samples)
    return {
        "model": model,
        "step": step,
        "runtime": runtime,
        "impl": impl,
        "threads": threads,
        "batch": batch,
        "medianMs": median_ms,
        "minMs": min(samples),
        "maxMs": max(samples),
        "repeats": args.repeats,
        "samplesPerSecond": batch / (median_ms / 1000.0),
    }


def emit(framework, version, threads, steps):
    """Prints the one line the harness reads."""
    report = {"framework": framework, "version": version, "threads": threads, "steps": steps}
    print("PEER_JSON " + json.dumps(report), flush=True)
