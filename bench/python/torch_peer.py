"""PyTorch peer of `npm run bench`: the same WGAN steps as bench/steps/wgan-steps.ts.

DCGAN 28x28 (G: dense->7x7x64->deconv 32->deconv 1, tanh; D: conv 32 s2->conv 64 s2->dense 1,
leaky ReLU 0.2), batch 64, WGAN critic step with weight clipping; MLP (3x512 ReLU) on 2-D data,
batch 256, WGAN-GP critic step; both with a generator step. RMSProp everywhere.
Usage: python torch_peer.py --models dcgan,mlp --threads 1 --warmup 3 --repeats 10
"""

import torch
from torch import nn

import peer_common as common


def dcgan_models():
    generator = nn.Sequential(
        nn.Linear(common.DCGAN_NOISE, 7 * 7 * 64),
        nn.Unflatten(1, (64, 7, 7)),
        nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 5, stride=2, padding=2, output_padding=1),
        nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 5, stride=2, padding=2, output_padding=1),
        nn.Tanh(),
    )
    critic = nn.Sequential(
        nn.Conv2d(1, 32, 5, stride=2, padding=2),
        nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 5, stride=2, padding=2),
        nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(7 * 7 * 64, 1),
    )
    return generator, critic, common.DCGAN_NOISE, (1, 28, 28), common.DCGAN_BATCH


def mlp(inputs, outputs):
    layers, width = [], inputs
    for _ in range(common.MLP_DEPTH):
        layers += [nn.Linear(width, common.MLP_WIDTH), nn.ReLU()]
        width = common.MLP_WIDTH
    return nn.Sequential(*layers, nn.Linear(width, outputs))


def mlp_models():
    return mlp(common.MLP_NOISE, 2), mlp(2, 1), common.MLP_NOISE, (2,), common.MLP_BATCH


def rmsprop(model):
    return torch.optim.RMSprop(
        model.parameters(),
        lr=common.LEARNING_RATE,
        alpha=common.RMSPROP_DECAY,
        eps=common.RMSPROP_EPSILON,
    )


def gradient_penalty(critic, real, fake):
    alpha = torch.rand(real.shape[0], *([1] * (real.dim() - 1)))
    interpolates = (fake + alpha * (real - fake)).requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(interpolates).sum(), interpolates, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean() * common.GP_WEIGHT


def make_steps(generator, critic, noise, shape, batch, penalty):
    real = torch.rand(batch, *shape) * 2 - 1
    opt_critic, opt_generator = rmsprop(critic), rmsprop(generator)

    def critic_step():
        with torch.no_grad():
            fake = generator(torch.randn(batch, noise))
        loss = critic(fake).mean() - critic(real).mean()
        if penalty:
            loss = loss + gradient_penalty(critic, real, fake)
        opt_critic.zero_grad(set_to_none=True)
        loss.backward()
        opt_critic.step()
        if not penalty:
            with torch.no_grad():
                for p in critic.parameters():
                    p.clamp_(-common.WGAN_CLIP, common.WGAN_CLIP)
        return loss.item()

    def generator_step():
        # Like tf.variableGrads over the generator's variables: no critic weight gradients.
        critic.requires_grad_(False)
        loss = -critic(generator(torch.randn(batch, noise))).mean()
        opt_generator.zero_grad(set_to_none=True)
        loss.backward()
        opt_generator.step()
        critic.requires_grad_(True)
        return loss.item()

    return critic_step, generator_step


def main():
    args = common.parse_args(__doc__)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    impl = f"pytorch {torch.__version__}"
    steps = []
    for name in args.models:
        models = {"dcgan": dcgan_models, "mlp": mlp_models}[name]()
        critic_step, generator_step = make_steps(*models, penalty=name == "mlp")
        batch = models[4]
        for step, call in (("critic", critic_step), ("generator", generator_step)):
            steps.append(
                common.measure(name, step, "pytorch", impl, args.threads, batch, call, args)
            )
    common.emit("pytorch", torch.__version__, args.threads, steps)


if __name__ == "__main__":
    main()
