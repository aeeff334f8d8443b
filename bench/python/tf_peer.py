"""TensorFlow peer of `npm run bench`: the same WGAN steps as bench/steps/wgan-steps.ts, run
eagerly and as `tf.function`, with Keras layers (NHWC, like tfjs).

Models, batches and optimizer as in torch_peer.py.
Usage: python tf_peer.py --models dcgan,mlp --threads 1 --warmup 3 --repeats 10
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tensorflow as tf  # noqa: E402  (the log level must be set before the import)

import peer_common as common  # noqa: E402

layers = tf.keras.layers


def dcgan_models():
    generator = tf.keras.Sequential(
        [
            tf.keras.Input((common.DCGAN_NOISE,)),
            layers.Dense(7 * 7 * 64),
            layers.Reshape((7, 7, 64)),
            layers.ReLU(),
            layers.Conv2DTranspose(32, 5, strides=2, padding="same", activation="relu"),
            layers.Conv2DTranspose(1, 5, strides=2, padding="same", activation="tanh"),
        ]
    )
    critic = tf.keras.Sequential(
        [
            tf.keras.Input((28, 28, 1)),
            layers.Conv2D(32, 5, strides=2, padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2D(64, 5, strides=2, padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Flatten(),
            layers.Dense(1),
        ]
    )
    return generator, critic, common.DCGAN_NOISE, (28, 28, 1), common.DCGAN_BATCH


def mlp(inputs, outputs):
    hidden = [layers.Dense(common.MLP_WIDTH, activation="relu") for _ in range(common.MLP_DEPTH)]
    return tf.keras.Sequential([tf.keras.Input((inputs,)), *hidden, layers.Dense(outputs)])


def mlp_models():
    return mlp(common.MLP_NOISE, 2), mlp(2, 1), common.MLP_NOISE, (2,), common.MLP_BATCH


def rmsprop():
    return tf.keras.optimizers.RMSprop(
        learning_rate=common.LEARNING_RATE,
        rho=common.RMSPROP_DECAY,
        epsilon=common.RMSPROP_EPSILON,
    )


def gradient_penalty(critic, real, fake):
    batch = real.shape[0]
    alpha = tf.random.uniform([batch] + [1] * (len(real.shape) - 1))
    interpolates = fake + alpha * (real - fake)
    with tf.GradientTape() as inner:
        inner.watch(interpolates)
        score = critic(interpolates, training=True)
    grad = tf.reshape(inner.gradient(score, interpolates), [batch, -1])
    norms = tf.sqrt(tf.reduce_sum(tf.square(grad), axis=1))
    return tf.reduce_mean(tf.square(norms - 1.0)) * common.GP_WEIGHT


def make_steps(generator, critic, noise, shape, batch, penalty):
    real = tf.random.uniform([batch, *shape], -1.0, 1.0)
    opt_critic, opt_generator = rmsprop(), rmsprop()

    def critic_step():
        fake = generator(tf.random.normal([batch, noise]), training=True)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(critic(fake, training=True)) - tf.reduce_mean(
                critic(real, training=True)
            )
            if penalty:
                loss += gradient_penalty(critic, real, fake)
        grads = tape.gradient(loss, critic.trainable_variables)
        opt_critic.apply_gradients(zip(grads, critic.trainable_variables))
        if not penalty:
            for variable in critic.trainable_variables:
                variable.assign(tf.clip_by_value(variable, -common.WGAN_CLIP, common.WGAN_CLIP))
        return loss

    def generator_step():
        with tf.GradientTape() as tape:
            fake = generator(tf.random.normal([batch, noise]), training=True)
            loss = -tf.reduce_mean(critic(fake, training=True))
        grads = tape.gradient(loss, generator.trainable_variables)
        opt_generator.apply_gradients(zip(grads, generator.trainable_variables))
        return loss

    return critic_step, generator_step


def main():
    args = common.parse_args(__doc__)
    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1 if args.threads == 1 else 0)
    tf.random.set_seed(0)
    steps = []
    for mode, wrap in (("eager", lambda f: f), ("function", tf.function)):
        impl = f"tensorflow {tf.__version__} {mode}"
        for name in args.models:
            models = {"dcgan": dcgan_models, "mlp": mlp_models}[name]()
            critic_step, generator_step = make_steps(*models, penalty=name == "mlp")
            for step, fn in (("critic", wrap(critic_step)), ("generator", wrap(generator_step))):
                call = lambda fn=fn: float(fn().numpy())  # noqa: E731  (reads the loss back)
                steps.append(
                    common.measure(
                        name, step, f"tensorflow-{mode}", impl, args.threads, models[4], call, args
                    )
                )
    common.emit("tensorflow", tf.__version__, args.threads, steps)


if __name__ == "__main__":
    main()
