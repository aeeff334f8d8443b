"""Hyperparameter sweep for gantry's grid25 WGAN-GP preset, in PyTorch because it is quicker.

PyTorch runs the small MLPs of the 2-D toys about three times as fast as gantry on this
machine, so this script is how the preset in src/gan/presets/preset-table.ts was chosen:
each configuration trains the same recipe as gantry (MLP generator and critic with ReLU,
Gaussian noise, WGAN-GP critic loss, Adam for both nets, learning rates constant until
`decay` of the run and then linear to zero, a moving average of the generator's weights with
TensorFlow's num_updates warm-up) and is scored as `npm run bench:quality` scores gantry: 2,500
samples, a sample is high-quality within 3 standard deviations of its nearest mode, a mode is
covered when one high-quality sample is assigned to it, and the smallest mode's share.

The numbers only rank configurations; the preset's own result is gantry's, measured with
`npm run bench:quality -- --case grid25` (PyTorch initialises layers differently from tfjs).

Usage (one JSON line of settings per run; missing keys take the defaults below):
  .cache/bench-venv/bin/python bench/python/grid25_sweep.py \
      '{"width": 192, "n_critic": 2, "steps": 9000, "beta1": 0}' '{"width": 256, "steps": 5700}'
"""

import json
import sys
import time

import numpy as np
import torch
from torch import nn

AXIS = [-4, -2, 0, 2, 4]
MEANS = np.array([(x, y) for x in AXIS for y in AXIS], dtype=np.float32)
STD = 0.05

DEFAULTS = {
    "seed": 0,
    "width": 192,
    "depth": 3,
    "noise": 2,
    "batch": 128,
    "n_critic": 2,
    "steps": 8500,
    "lr_critic": 1e-3,
    "lr_generator": 1e-3,
    "beta1": 0.0,
    "beta2": 0.9,
    "gp_weight": 0.1,
    "decay": 0.6,
    "ema": 0.999,
    "trace_every": 0,
}


def mlp(inputs, width, depth, outputs):
    layers, size = [], inputs
    for _ in range(depth):
        layers += [nn.Linear(size, width), nn.ReLU()]
        size = width
    layers.append(nn.Linear(size, outputs))
    return nn.Sequential(*layers)


def score(points):
    distances = np.linalg.norm(points[:, None, :] - MEANS[None], axis=2)
    nearest, distance = distances.argmin(1), distances.min(1)
    high_quality = distance <= 3 * STD
    per_mode = np.bincount(nearest[high_quality], minlength=len(MEANS))
    return {
        "modes": int((per_mode > 0).sum()),
        "high_quality": round(float(high_quality.mean()), 4),
        "min_mode": round(float(per_mode.min() / len(points)), 4),
    }


def run(settings):
    s = {**DEFAULTS, **settings}
    torch.manual_seed(s["seed"])
    rng = np.random.default_rng(s["seed"])
    generator = mlp(s["noise"], s["width"], s["depth"], 2)
    critic = mlp(2, s["width"], s["depth"], 1)
    average = mlp(s["noise"], s["width"], s["depth"], 2)
    average.load_state_dict(generator.state_dict())
    betas = (s["beta1"], s["beta2"])
    critic_adam = torch.optim.Adam(critic.parameters(), lr=s["lr_critic"], betas=betas)
    generator_adam = torch.optim.Adam(generator.parameters(), lr=s["lr_generator"], betas=betas)
    batch, steps = s["batch"], s["steps"]

    def noise(n):
        return torch.randn(n, s["noise"])

    def real(n):
        modes = rng.integers(len(MEANS), size=n)
        jitter = STD * rng.standard_normal((n, 2)).astype(np.float32)
        return torch.from_numpy(MEANS[modes] + jitter)

    trace, start = [], time.time()
    for step in range(steps):
        decay_from = s["decay"] * steps
        scale = 1.0 if step < decay_from else max(0.0, (steps - step) / (steps - decay_from))
        for group in critic_adam.param_groups:
            group["lr"] = s["lr_critic"] * scale
        for group in generator_adam.param_groups:
            group["lr"] = s["lr_generator"] * scale
        for _ in range(s["n_critic"]):
            x = real(batch)
            with torch.no_grad():
                fake = generator(noise(batch))
            mix = torch.rand(batch, 1)
            between = (mix * x + (1 - mix) * fake).requires_grad_(True)
            (slope,) = torch.autograd.grad(critic(between).sum(), between, create_graph=True)
            penalty = ((slope.norm(dim=1) - 1) ** 2).mean()
            loss = critic(fake).mean() - critic(x).mean() + s["gp_weight"] * penalty
            critic_adam.zero_grad()
            loss.backward()
            critic_adam.step()
        generator_loss = -critic(generator(noise(batch))).mean()
        generator_adam.zero_grad()
        generator_loss.backward()
        generator_adam.step()
        decay = min(s["ema"], (1 + step) / (10 + step))
        with torch.no_grad():
            for kept, weight in zip(average.parameters(), generator.parameters()):
                kept.mul_(decay).add_((1 - decay) * weight)
        if s["trace_every"] and (step + 1) % s["trace_every"] == 0:
            with torch.no_grad():
                trace.append([step + 1, score(average(noise(2500)).numpy())])
    torch.manual_seed(1_000_000)
    with torch.no_grad():
        averaged = score(average(noise(2500)).numpy())
        raw = score(generator(noise(2500)).numpy())
    seconds = round(time.time() - start, 1)
    return {"settings": s, "averaged": averaged, "raw": raw, "seconds": seconds, "trace": trace}


if __name__ == "__main__":
    torch.set_num_threads(1)
    for line in sys.argv[1:]:
        print(json.dumps(run(json.loads(line))), flush=True)
