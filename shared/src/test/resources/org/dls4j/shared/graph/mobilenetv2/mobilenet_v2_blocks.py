"""Writes mobilenet_v2_0.35_to_block_3.h5: the first layers of Keras' MobileNetV2 at alpha 0.35 (Conv1 to
block_3_project_BN) with random weights, laid out as Keras' save_weights writes the application weight files
(root attribute layer_names; per layer a group with attribute weight_names and datasets <layer>/<weight>:0), plus a
group 'golden' with two 18x18 pictures (NHWC) and what those layers compute from them, in float64 numpy: the
inference-mode forward pass Keras runs (batch norm on the moving statistics).

Run: /usr/bin/python3 mobilenet_v2_blocks.py (numpy, h5py; no TensorFlow). Deterministic (seed 2018).
"""
import h5py
import numpy as np

ALPHA = 0.35
SIDE = 18           # even, then odd sides after each stride-2 layer: both of correct_pad's cases
EPSILON = 1e-3
rng = np.random.RandomState(2018)


def make_divisible(v, divisor=8):
    rounded = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * v else rounded


# (output channels at alpha 1, stride, expansion) of expanded_conv (block 0) to block_3
BLOCKS = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6)]

layers = []         # (name, {weight: array}) in Keras' order
steps = []          # the forward pass: (kind, layer name, extra)


def conv(name, kernel, c_in, c_out):
    w = rng.normal(0, 1 / np.sqrt(kernel * kernel * c_in), (kernel, kernel, c_in, c_out)).astype(np.float32)
    layers.append((name, {"kernel:0": w}))


def depthwise(name, c):
    w = rng.normal(0, 1 / 3, (3, 3, c, 1)).astype(np.float32)
    layers.append((name, {"depthwise_kernel:0": w}))


def batch_norm(name, c):
    layers.append((name, {
        "gamma:0": rng.uniform(0.5, 1.5, c).astype(np.float32),
        "beta:0": rng.uniform(-0.5, 0.5, c).astype(np.float32),
        "moving_mean:0": rng.uniform(-0.5, 0.5, c).astype(np.float32),
        "moving_variance:0": rng.uniform(0.5, 2.0, c).astype(np.float32)}))


def no_weights(name):
    layers.append((name, {}))


first = make_divisible(32 * ALPHA)
no_weights("input_1")
no_weights("Conv1_pad")
conv("Conv1", 3, 3, first)
batch_norm("bn_Conv1", first)
no_weights("Conv1_relu")
channels = first
for block, (filters, stride, expansion) in enumerate(BLOCKS):
    prefix = "expanded_conv_" if block == 0 else "block_%d_" % block
    out = make_divisible(filters * ALPHA)
    if block:
        conv(prefix + "expand", 1, channels, channels * expansion)
        batch_norm(prefix + "expand_BN", channels * expansion)
        no_weights(prefix + "expand_relu")
    if stride == 2:
        no_weights(prefix + "pad")
    depthwise(prefix + "depthwise", channels * expansion)
    batch_norm(prefix + "depthwise_BN", channels * expansion)
    no_weights(prefix + "depthwise_relu")
    conv(prefix + "project", 1, channels * expansion, out)
    batch_norm(prefix + "project_BN", out)
    if stride == 1 and channels == out:
        no_weights(prefix + "add")
    channels = out

weights = {name: {k: v.astype(np.float64) for k, v in w.items()} for name, w in layers}


def correct_pad(x):
    before = 0 if x.shape[1] % 2 == 0 else 1
    return np.pad(x, ((0, 0), (before, 1), (before, 1), (0, 0)))


def convolve(x, w, stride, depthwise_kernel=False):
    """'same' for stride 1 (3x3: one zero each side), 'valid' for stride 2; x NHWC, w (kh, kw, in, out or 1)."""
    k = w.shape[0]
    if stride == 1 and k == 3:
        x = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    h = (x.shape[1] - k) // stride + 1
    width = (x.shape[2] - k) // stride + 1
    out = 0
    for i in range(k):
        for j in range(k):
            window = x[:, i:i + stride * (h - 1) + 1:stride, j:j + stride * (width - 1) + 1:stride, :]
            out = out + (window * w[i, j, :, 0] if depthwise_kernel else window @ w[i, j])
    return out


def bn(x, name):
    w = weights[name]
    return (x - w["moving_mean:0"]) / np.sqrt(w["moving_variance:0"] + EPSILON) * w["gamma:0"] + w["beta:0"]


def relu6(x):
    return np.clip(x, 0, 6)


def forward(x):
    x = relu6(bn(convolve(correct_pad(x), weights["Conv1"]["kernel:0"], 2), "bn_Conv1"))
    for block, (filters, stride, expansion) in enumerate(BLOCKS):
        prefix = "expanded_conv_" if block == 0 else "block_%d_" % block
        inputs = x
        if block:
            x = relu6(bn(convolve(x, weights[prefix + "expand"]["kernel:0"], 1), prefix + "expand_BN"))
        if stride == 2:
            x = correct_pad(x)
        x = convolve(x, weights[prefix + "depthwise"]["depthwise_kernel:0"], stride, depthwise_kernel=True)
        x = relu6(bn(x, prefix + "depthwise_BN"))
        x = bn(convolve(x, weights[prefix + "project"]["kernel:0"], 1), prefix + "project_BN")
        if prefix + "add" in weights:
            x = x + inputs
    return x


pictures = rng.uniform(-1, 1, (2, SIDE, SIDE, 3)).astype(np.float32)
features = forward(pictures.astype(np.float64))

with h5py.File("mobilenet_v2_0.35_to_block_3.h5", "w", libver="latest") as f:   # compact groups
    f.attrs["layer_names"] = np.array([name.encode() for name, _ in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.1.6"
    for name, w in layers:
        group = f.create_group(name)
        group.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in w])
        for k, v in w.items():
            group.create_dataset(name + "/" + k, data=v)
    golden = f.create_group("golden")
    golden.create_dataset("pictures", data=pictures)
    golden.create_dataset("features", data=features)
print(len(layers), "layers;", sum(v.size for _, w in layers for v in w.values()), "weights; features",
      features.shape, "mean", features.mean(), "std", features.std())
