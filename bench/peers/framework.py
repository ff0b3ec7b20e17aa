"""PyTorch peers of the framework cases of ./dls bench: the DL4J graphs' layers, built again in PyTorch (CPU,
float32), each timed for one optimizer step on a fixed random batch, as the Java side times one graph.fit.

    python3 bench/peers/framework.py signs-convnet|happy-house|resnet-block|resnet50|unet|signs-dense|
                                     lstm-emojify|emojify-v2|char-rnn|face-embedding|tiny-yolo|nmt-attention
                                     [--laps N] [--warmup N] [--threads N]

A step is what a PyTorch training loop does per batch: zero_grad, forward, cross-entropy loss, backward,
optimizer.step; face-embedding and tiny-yolo time one forward pass in eval mode without gradients
(char-rnn: Dinosaur Island's character model, float64, one name per step, the hidden state carried from name to
name, SGD with every gradient element clipped into [-5, 5] before the step, as the notebook's clip). PyTorch's layout is its default, channels first (N, C, H, W), as the DL4J graphs use. Needs torch
(Debian: apt-get install python3-torch). When the python that runs this script has no torch but Debian's
/usr/bin/python3 has, the script runs itself again with that one.
"""
import os
import sys
import warnings

sys.dont_write_bytecode = True  # no __pycache__ beside the peers
import peer  # noqa: E402

CASES = {
    "signs-convnet": peer.Case(200, 20, lap="batch", unit="batch"),
    "happy-house": peer.Case(200, 20, lap="batch", unit="batch"),
    "resnet-block": peer.Case(60, 5, lap="batch", unit="batch"),
    "resnet50": peer.Case(20, 3, lap="batch", unit="batch"),
    "unet": peer.Case(20, 3, lap="batch", unit="batch"),
    "signs-dense": peer.Case(1000, 100, lap="batch", unit="batch"),
    "lstm-emojify": peer.Case(300, 30, lap="batch", unit="batch"),
    "emojify-v2": peer.Case(300, 30, lap="batch", unit="batch"),
    "char-rnn": peer.Case(3000, 300, lap="step", unit="step"),
    "face-embedding": peer.Case(50, 5, lap="batch", unit="batch"),
    "tiny-yolo": peer.Case(50, 5, lap="batch", unit="batch"),
    "nmt-attention": peer.Case(50, 5, lap="batch", unit="batch"),
}
# forward passes of pretrained networks: eval mode, no gradient (the weights here are random: only time counts)
INFERENCE = {"face-embedding", "tiny-yolo"}

options = peer.start(CASES)
try:
    import torch
    from torch import nn
except ImportError:
    debian = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(debian) and os.path.exists(debian):
        os.execv(debian, [debian] + sys.argv)
    peer.unavailable("torch", "apt-get install python3-torch, or pip install torch")


# 'same' with an even kernel pads one more pixel after than before, as TensorFlow does: PyTorch warns that it copies
warnings.filterwarnings("ignore", message="Using padding='same'")


def describe(threads, layout="float32, channels first"):
    torch.set_num_threads(threads)
    return (f"PyTorch {torch.__version__} CPU, {torch.get_num_threads()} threads, "
            f"oneDNN (mkldnn) {'on' if torch.backends.mkldnn.is_available() else 'off'}, {layout}")


# ------------------------------------------------------------------------------------------------- the networks

def signs_convnet():
    """CONV 4x4x8 same -> RELU -> MAXPOOL 8 -> CONV 2x2x16 same -> RELU -> MAXPOOL 4 -> FLATTEN -> DENSE 6."""
    return nn.Sequential(nn.Conv2d(3, 8, 4, padding="same"), nn.ReLU(), nn.MaxPool2d(8, 8),
                         nn.Conv2d(8, 16, 2, padding="same"), nn.ReLU(), nn.MaxPool2d(4, 4),
                         nn.Flatten(), nn.Linear(64, 6))


def happy_house():
    """ZEROPAD 3 -> CONV 7x7x32 -> BN -> RELU -> MAXPOOL 2 -> FLATTEN -> DENSE 1 (the sigmoid is in the loss)."""
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), batch_norm(32), nn.ReLU(), nn.MaxPool2d(2, 2),
                         nn.Flatten(), nn.Linear(32 * 32 * 32, 1))


def batch_norm(channels):
    """Keras' BatchNormalization: epsilon 1e-3, momentum 0.99 (PyTorch counts the other way: 0.01)."""
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class Block(nn.Module):
    """identity_block (shortcut X) or convolutional_block (shortcut CONV 1x1 stride s -> BN)."""

    def __init__(self, channels, f, filters, s, identity):
        super().__init__()
        f1, f2, f3 = filters
        self.main = nn.Sequential(nn.Conv2d(channels, f1, 1, stride=s), batch_norm(f1), nn.ReLU(),
                                  nn.Conv2d(f1, f2, f, padding="same"), batch_norm(f2), nn.ReLU(),
                                  nn.Conv2d(f2, f3, 1), batch_norm(f3))
        self.shortcut = None if identity else nn.Sequential(nn.Conv2d(channels, f3, 1, stride=s), batch_norm(f3))

    def forward(self, x):
        shortcut = x if self.shortcut is None else self.shortcut(x)
        return torch.relu(self.main(x) + shortcut)


def stage(channels, filters, s, identities):
    blocks = [Block(channels, 3, filters, s, identity=False)]
    blocks += [Block(filters[2], 3, filters, 1, identity=True) for _ in range(identities)]
    return blocks


def resnet(stages, classes=6):
    """ZEROPAD 3 -> CONV 7x7 64 /2 -> BN -> RELU -> MAXPOOL 3 /2 -> stages -> AVGPOOL -> FLATTEN -> DENSE."""
    layers = [nn.ZeroPad2d(3), nn.Conv2d(3, 64, 7, stride=2), batch_norm(64), nn.ReLU(), nn.MaxPool2d(3, 2)]
    channels = 64
    for filters, s, identities in stages:
        layers += stage(channels, filters, s, identities)
        channels = filters[2]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)


STAGE2 = ([64, 64, 256], 1, 2)
RESNET50 = [STAGE2, ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)]


class UNet(nn.Module):
    """The U-Net of C4 W3: conv blocks n, 2n, 4n, 8n (dropout 0.3), 16n (dropout 0.3, no pool), each two CONV 3x3
    same -> RELU (then MAXPOOL 2); upsampling blocks 8n .. n, each CONV-TRANSPOSE 3x3 stride 2 (twice the size) ->
    concat with the skip -> two CONV 3x3 same -> RELU; CONV 3x3 n -> RELU; CONV 1x1 to the classes (the per-pixel
    softmax is in the loss)."""

    def __init__(self, n=8, classes=4, channels=3):
        super().__init__()
        widths = [n, 2 * n, 4 * n, 8 * n, 16 * n]
        self.down = nn.ModuleList()
        previous = channels
        for i, width in enumerate(widths):
            self.down.append(nn.Sequential(nn.Conv2d(previous, width, 3, padding=1), nn.ReLU(),
                                           nn.Conv2d(width, width, 3, padding=1), nn.ReLU(),
                                           *([nn.Dropout(0.3)] if i >= 3 else [])))
            previous = width
        self.up = nn.ModuleList()
        self.merge = nn.ModuleList()
        for width in reversed(widths[:-1]):
            self.up.append(nn.ConvTranspose2d(previous, width, 3, stride=2, padding=1, output_padding=1))
            self.merge.append(nn.Sequential(nn.Conv2d(2 * width, width, 3, padding=1), nn.ReLU(),
                                            nn.Conv2d(width, width, 3, padding=1), nn.ReLU()))
            previous = width
        self.head = nn.Sequential(nn.Conv2d(n, n, 3, padding=1), nn.ReLU(), nn.Conv2d(n, classes, 1))

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x)
            if i < len(self.down) - 1:
                skips.append(x)
                x = torch.max_pool2d(x, 2)
        for up, merge, skip in zip(self.up, self.merge, reversed(skips)):
            x = merge(torch.cat([up(x), skip], dim=1))
        return self.head(x)


def signs_dense():
    return nn.Sequential(nn.Linear(12288, 25), nn.ReLU(), nn.Linear(25, 12), nn.ReLU(), nn.Linear(12, 6))


class Emojify(nn.Module):
    """Frozen embedding -> LSTM 128 (all steps) -> DROPOUT 0.5 -> LSTM 128 (last step) -> DROPOUT 0.5 -> DENSE 5."""

    def __init__(self, vocabulary=50_009, dimensions=100):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, dimensions)
        self.embedding.weight.requires_grad_(False)
        self.lstm1 = nn.LSTM(dimensions, 128, batch_first=True)
        self.lstm2 = nn.LSTM(128, 128, batch_first=True)
        self.dropout = nn.Dropout(0.5)
        self.dense = nn.Linear(128, 5)

    def forward(self, indices):
        x, _ = self.lstm1(self.embedding(indices))
        x, _ = self.lstm2(self.dropout(x))
        return self.dense(self.dropout(x[:, -1, :]))


class CharRnn(nn.Module):
    """Dinosaur Island's model: one-hot characters (T, 1, 27) -> RNN 50 (tanh) from the state a_prev -> DENSE 27 at
    every step (the softmax is in the loss); returns the logits and the last state. PyTorch's RNN has two biases
    (input and hidden) where the notebook's cell has one."""

    def __init__(self, vocabulary=27, hidden=50):
        super().__init__()
        self.rnn = nn.RNN(vocabulary, hidden, nonlinearity="tanh")
        self.dense = nn.Linear(hidden, vocabulary)

    def forward(self, characters, a_prev):
        a, a_last = self.rnn(characters, a_prev)
        return self.dense(a[:, 0, :]), a_last


def dinosaur_names(vocabulary=27):
    """The notebook's examples shuffled with np.random.seed(0), each as one-hot inputs (T, 1, vocabulary), the
    first all zeros (X = [None] + indices), and the target indices Y = X[1:] + ["\\n"], float64."""
    import numpy as np
    with open(peer.data_file("dinos/dinos.txt")) as f:
        data = f.read().lower()
    char_to_ix = {ch: i for i, ch in enumerate(sorted(set(data)))}
    examples = [x.strip() for x in data.splitlines()]
    np.random.seed(0)
    np.random.shuffle(examples)
    names = []
    for name in examples:
        y = [char_to_ix[c] for c in name] + [char_to_ix["\n"]]
        x = torch.zeros(len(y), 1, vocabulary, dtype=torch.float64)
        for t, ix in enumerate(y[:-1]):
            x[t + 1, 0, ix] = 1
        names.append((x, torch.tensor(y)))
    return names


def char_rnn():
    """One SGD step per name: zero_grad, forward from the state the last name ended in (the notebook's a_prev,
    carried without its gradient), summed cross-entropy, backward, clip_grad_value_(5), step."""
    torch.manual_seed(1)
    model = CharRnn().double()
    names = dinosaur_names()
    loss_function = nn.CrossEntropyLoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    model.train()

    def train(laps, stopwatch):
        loss = None
        a_prev = torch.zeros(1, 1, 50, dtype=torch.float64)
        for j in range(laps):
            x, y = names[j % len(names)]
            optimizer.zero_grad()
            logits, a_last = model(x, a_prev)
            loss = loss_function(logits, y)
            loss.backward()
            a_prev = a_last.detach()
            nn.utils.clip_grad_value_(model.parameters(), 5)
            optimizer.step()
            stopwatch.lap()
        return loss.item()

    return train


class FaceEmbedding(nn.Module):
    """face-api's face recognition ResNet: conv 7x7 /2 (valid) -> maxpool 3 /2 -> residual blocks of two 3x3
    convolutions at 32 (x3), 64 (x4), 128 (x3), 256 (x4) maps; the down-sampling ones: first conv /2 without padding,
    shortcut avgpool 2 /2 with its channels doubled by zeros, the conv's output padded by a zero row and column where
    the pool is one larger -> mean over the map -> linear 256 x 128 without bias."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 7, stride=2)
        self.blocks = nn.ModuleList()
        channels = 32
        for maps, count in ((32, 3), (64, 4), (128, 3), (256, 4)):
            for i in range(count):
                down = (i == 0 and maps != 32) or (maps == 256 and i == count - 1)
                self.blocks.append(nn.ModuleList([
                    nn.Conv2d(channels, maps, 3, stride=2 if down else 1, padding=0 if down else 1),
                    nn.Conv2d(maps, maps, 3, padding=1)]))
                channels = maps
        self.fc = nn.Linear(256, 128, bias=False)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.stem(x)), 3, 2)
        for first, second in self.blocks:
            out = second(torch.relu(first(x)))
            if first.stride[0] == 2:
                shortcut = nn.functional.avg_pool2d(x, 2, 2)
                if shortcut.shape[1] != out.shape[1]:
                    shortcut = torch.cat([shortcut, torch.zeros_like(shortcut)], 1)
                if shortcut.shape[2] != out.shape[2]:
                    out = nn.functional.pad(out, (0, 1, 0, 1))
            else:
                shortcut = x
            x = torch.relu(out + shortcut)
        return self.fc(x.mean((2, 3)))


class TinyYolo(nn.Module):
    """face-api's Tiny Face Detector: conv 3x3 (valid) 16 -> then five depthwise-separable 3x3 convolutions (32, 64,
    128, 256, 512; padding 1), each block followed by a 2x2 max pool with TensorFlow's 'same' padding (stride 2, the
    last stride 1), leaky RELU 0.1 after every convolution -> conv 1x1 to 25 maps."""

    def __init__(self):
        super().__init__()
        maps = [16, 32, 64, 128, 256, 512]
        self.first = nn.Conv2d(3, 16, 3)
        self.separable = nn.ModuleList([nn.Sequential(nn.Conv2d(a, a, 3, padding=1, groups=a, bias=False),
                                                      nn.Conv2d(a, b, 1)) for a, b in zip(maps, maps[1:])])
        self.last = nn.Conv2d(512, 25, 1)

    @staticmethod
    def pool(x, stride):
        # TensorFlow's 'same' 2x2 pool pads after (bottom, right) only, with values that never win the max
        size = x.shape[2]
        out = -(-size // stride)
        pad = max((out - 1) * stride + 2 - size, 0)
        x = nn.functional.pad(x, (0, pad, 0, pad), value=float("-inf"))
        return nn.functional.max_pool2d(x, 2, stride)

    def forward(self, x):
        x = self.pool(nn.functional.leaky_relu(self.first(x), 0.1), 2)
        for i, block in enumerate(self.separable):
            x = self.pool(nn.functional.leaky_relu(block(x), 0.1), 1 if i == len(self.separable) - 1 else 2)
        return self.last(x)


class DateTranslator(nn.Module):
    """C5 W3's attention model: Bidirectional LSTM n_a 32 over the 30 one-hot characters (37 symbols); for each of
    the 10 output characters one-step attention (repeat s, concatenate, Dense 10 tanh, Dense 1 relu, softmax over
    time, weighted sum), a post-attention LSTM cell n_s 64 and Dense 11 (softmax in the loss). Outputs the logits of
    every step as rows (m * 10, 11)."""
    steps = 10

    def __init__(self, tx=30, n_a=32, n_s=64, human=37, machine=11):
        super().__init__()
        self.n_s = n_s
        self.pre = nn.LSTM(human, n_a, bidirectional=True, batch_first=True)
        self.densor1 = nn.Linear(2 * n_a + n_s, 10)
        self.densor2 = nn.Linear(10, 1)
        self.post = nn.LSTMCell(2 * n_a, n_s)
        self.output = nn.Linear(n_s, machine)

    def forward(self, x):
        a, _ = self.pre(x)
        s = torch.zeros(x.shape[0], self.n_s)
        c = torch.zeros(x.shape[0], self.n_s)
        outputs = []
        for _ in range(self.steps):
            repeated = s.unsqueeze(1).expand(-1, a.shape[1], -1)
            energies = torch.relu(self.densor2(torch.tanh(self.densor1(torch.cat([a, repeated], 2)))))
            context = (torch.softmax(energies, 1) * a).sum(1)
            s, c = self.post(context, (s, c))
            outputs.append(self.output(s))
        return torch.stack(outputs, 1).reshape(-1, outputs[0].shape[1])


def setup(name):
    """The model, the batch (features, class labels i % classes) and the learning rate of case `name`."""
    torch.manual_seed(1)
    if name == "signs-convnet":
        return signs_convnet(), torch.rand(64, 3, 64, 64), 6, 0.001
    if name == "happy-house":
        return happy_house(), torch.rand(16, 3, 64, 64), 1, 0.001
    if name == "resnet-block":
        return resnet([STAGE2]), torch.rand(32, 3, 64, 64), 6, 0.001
    if name == "resnet50":
        return resnet(RESNET50), torch.rand(32, 3, 64, 64), 6, 0.001
    if name == "unet":  # the run's default U-Net (8 filters, 4 classes), a batch of 32 scenes of 64x64
        return UNet(8, 4), torch.rand(32, 3, 64, 64), 4, 0.001
    if name == "signs-dense":
        return signs_dense(), torch.rand(32, 12288), 6, 0.0001
    if name == "lstm-emojify":  # the 400,001 x 50 GloVe shape, random word indices
        return Emojify(400_001, 50), torch.randint(1, 400_001, (32, 10)), 5, 0.001
    if name == "nmt-attention":  # the notebook's batch of 100 dates, one-hot (m, 30, 37)
        characters = torch.randint(0, 37, (100, 30))
        return DateTranslator(), nn.functional.one_hot(characters, 37).float(), 11, 0.005
    if name == "face-embedding":
        return FaceEmbedding(), torch.rand(8, 3, 150, 150), 0, 0.0
    if name == "tiny-yolo":
        return TinyYolo(), torch.rand(4, 3, 416, 416), 0, 0.0
    if name == "emojify-v2":  # the 100-d GloVe stand-in (50,008 words + padding), 32 sentences of 10 word indices
        return Emojify(), torch.randint(1, 50_009, (32, 10)), 5, 0.001
    raise ValueError(name)


def main():
    torch.set_num_threads(options.threads)
    if options.case == "char-rnn":
        peer.run_case(options.case, CASES[options.case], options, char_rnn(), library="PyTorch",
                      describe=lambda threads: describe(threads, "float64, (T, 1, 27) one name"))
        return
    model, x, classes, lr = setup(options.case)
    if options.case in INFERENCE:
        model.eval()

        def infer(laps, stopwatch):
            out = None
            with torch.no_grad():
                for _ in range(laps):
                    out = model(x)
                    stopwatch.lap()
            return out.mean().item()

        peer.run_case(options.case, CASES[options.case], options, infer, library="PyTorch", describe=describe)
        return
    if classes == 1:  # one sigmoid output: labels i % 2, binary cross-entropy on the logit
        y = (torch.arange(x.shape[0]) % 2).float().unsqueeze(1)
        loss_function = nn.BCEWithLogitsLoss()
    elif options.case == "unet":  # a class per pixel: (i + row + column) % classes
        rows = torch.arange(x.shape[2]).view(1, -1, 1)
        columns = torch.arange(x.shape[3]).view(1, 1, -1)
        y = (torch.arange(x.shape[0]).view(-1, 1, 1) + rows + columns) % classes
        loss_function = nn.CrossEntropyLoss()
    else:  # one class per example, or per example and output step (nmt-attention)
        y = torch.arange(x.shape[0] * getattr(model, "steps", 1)) % classes
        loss_function = nn.CrossEntropyLoss()
    model.train()
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)

    def train(laps, stopwatch):
        loss = None
        for _ in range(laps):
            optimizer.zero_grad()
            loss = loss_function(model(x), y)
            loss.backward()
            optimizer.step()
            stopwatch.lap()
        return loss.item()

    peer.run_case(options.case, CASES[options.case], options, train, library="PyTorch", describe=describe)


main()
