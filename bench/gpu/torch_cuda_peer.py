"""PyTorch on a GPU, for bench/gpu/compiled-step.ts: bench/python/torch_peer.py's models and steps,
made on `--device` (default cuda) by making it torch's default device, so every module, batch
and draw lives there; each step's `loss.item()` waits for the device. Prints one PEER_JSON line.
Usage: python torch_cuda_peer.py --models dcgan,mlp --warmup 3 --repeats 10 --device cuda
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import torch  # noqa: E402

import peer_common as common  # noqa: E402
import torch_peer  # noqa: E402

MODELS = {"dcgan": torch_peer.dcgan_models, "mlp": torch_peer.mlp_models}


def parse_args():
    """The flags of peer_common.parse_args, with --device instead of --threads."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", default="dcgan,mlp", help="comma-separated: dcgan, mlp")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls per step")
    parser.add_argument("--repeats", type=int, default=10, help="timed calls per step")
    parser.add_argument("--device", default="cuda", help="torch device, e.g. cuda, cuda:1, cpu")
    args = parser.parse_args()
    args.models = [name for name in args.models.split(",") if name]
    unknown = [name for name in args.models if name not in MODELS]
    if unknown:
        parser.error(f"--models: unknown {', '.join(unknown)}; choose from dcgan, mlp")
    return args


def main():
    args = parse_args()
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit(f"torch_cuda_peer: torch {torch.__version__} sees no CUDA device")
    torch.set_default_device(device)
    torch.manual_seed(0)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    impl = f"pytorch {torch.__version__} {name}"
    steps = []
    for model in args.models:
        built = MODELS[model]()
        critic_step, generator_step = torch_peer.make_steps(*built, penalty=model == "mlp")
        batch = built[4]
        for step, call in (("critic", critic_step), ("generator", generator_step)):
            steps.append(common.measure(model, step, "pytorch", impl, 1, batch, call, args))
    common.emit("pytorch", torch.__version__, 1, steps)


if __name__ == "__main__":
    main()
