"""numpy peer of Course 5's from-scratch ./dls bench case: Dinosaur Island's training loop, as the notebook writes it.

    python3 bench/peers/course5.py dinosaur-scratch [--laps N] [--warmup N] [--threads N]

dinosaur-scratch: the notebook's model(): initialize_parameters(50, 27, 27) (seed 1, randn * 0.01), the 1536 names
of dinos.txt shuffled with seed(0), one name per iteration (X = [None] + indices, Y = X[1:] + ["\\n"]), optimize at
learning rate 0.01 with clip(gradients, 5), the hidden state carried from one name to the next, the loss smoothed.
Its utils.py (rnn_forward, rnn_backward, the step functions, softmax, update_parameters) is written out below. The
names sampled every 2000 iterations are left out on both sides. The last smoothed loss is the "cost" to compare with
dls4j's. Needs numpy.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the peers
import peer  # noqa: E402

CASES = {
    "dinosaur-scratch": peer.Case(35000, 2000),
}

options = peer.start(CASES)  # before numpy loads OpenBLAS
try:
    import numpy as np
except ImportError:
    peer.unavailable("numpy", "pip install numpy, or apt-get install python3-numpy")


# -------------------------------------------------------------------------------- week 1: Dinosaur Island, utils.py

def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def smooth(loss, cur_loss):
    return loss * 0.999 + cur_loss * 0.001


def get_initial_loss(vocab_size, seq_length):
    return -np.log(1.0 / vocab_size) * seq_length


def initialize_parameters(n_a, n_x, n_y):
    np.random.seed(1)
    Wax = np.random.randn(n_a, n_x) * 0.01
    Waa = np.random.randn(n_a, n_a) * 0.01
    Wya = np.random.randn(n_y, n_a) * 0.01
    b = np.zeros((n_a, 1))
    by = np.zeros((n_y, 1))
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}


def rnn_step_forward(parameters, a_prev, x):
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    a_next = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
    p_t = softmax(np.dot(Wya, a_next) + by)
    return a_next, p_t


def rnn_step_backward(dy, gradients, parameters, x, a, a_prev):
    gradients["dWya"] += np.dot(dy, a.T)
    gradients["dby"] += dy
    da = np.dot(parameters["Wya"].T, dy) + gradients["da_next"]
    daraw = (1 - a * a) * da
    gradients["db"] += daraw
    gradients["dWax"] += np.dot(daraw, x.T)
    gradients["dWaa"] += np.dot(daraw, a_prev.T)
    gradients["da_next"] = np.dot(parameters["Waa"].T, daraw)
    return gradients


def update_parameters(parameters, gradients, lr):
    parameters["Wax"] += -lr * gradients["dWax"]
    parameters["Waa"] += -lr * gradients["dWaa"]
    parameters["Wya"] += -lr * gradients["dWya"]
    parameters["b"] += -lr * gradients["db"]
    parameters["by"] += -lr * gradients["dby"]
    return parameters


def rnn_forward(X, Y, a0, parameters, vocab_size=27):
    x, a, y_hat = {}, {}, {}
    a[-1] = np.copy(a0)
    loss = 0
    for t in range(len(X)):
        x[t] = np.zeros((vocab_size, 1))
        if X[t] is not None:
            x[t][X[t]] = 1
        a[t], y_hat[t] = rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])
    return loss, (y_hat, a, x)


def rnn_backward(X, Y, parameters, cache):
    gradients = {}
    (y_hat, a, x) = cache
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    gradients["dWax"], gradients["dWaa"], gradients["dWya"] = np.zeros_like(Wax), np.zeros_like(Waa), np.zeros_like(Wya)
    gradients["db"], gradients["dby"] = np.zeros_like(b), np.zeros_like(by)
    gradients["da_next"] = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1
        gradients = rnn_step_backward(dy, gradients, parameters, x[t], a[t], a[t - 1])
    return gradients, a


# ------------------------------------------------------------------------------------ the graded functions, model

def clip(gradients, maxValue):
    dWaa, dWax, dWya, db, dby = (gradients["dWaa"], gradients["dWax"], gradients["dWya"], gradients["db"],
                                 gradients["dby"])
    for gradient in [dWax, dWaa, dWya, db, dby]:
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    return {"dWaa": dWaa, "dWax": dWax, "dWya": dWya, "db": db, "dby": dby}


def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


def model(examples, char_to_ix, laps, stopwatch, n_a=50, dino_names=7, vocab_size=27):
    """model()'s loop without the sampling every 2000 iterations; the last smoothed loss."""
    n_x, n_y = vocab_size, vocab_size
    parameters = initialize_parameters(n_a, n_x, n_y)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = list(examples)
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    for j in range(laps):
        idx = j % len(examples)
        single_example_ix = [char_to_ix[c] for c in examples[idx]]
        X = [None] + single_example_ix
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)
        loss = smooth(loss, curr_loss)
        stopwatch.lap()
    return loss


def workload(name):
    with open(peer.data_file("dinos/dinos.txt")) as f:
        data = f.read().lower()
    chars = sorted(list(set(data)))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    with open(peer.data_file("dinos/dinos.txt")) as f:
        examples = [x.lower().strip() for x in f.readlines()]
    return lambda laps, sw: model(examples, char_to_ix, laps, sw, vocab_size=len(chars))


if __name__ == "__main__":
    peer.run_case(options.case, CASES[options.case], options, workload(options.case))
    sys.exit(0)
