"""numpy peer of Course 4's from-scratch ./dls bench case: the step-by-step notebook's layer, as the notebook writes it.

    python3 bench/peers/course4.py conv-scratch [--laps N] [--warmup N] [--threads N]

conv-scratch: conv_forward then conv_backward(Z, cache) of one layer, the notebook's four Python loops over numpy
slices, on seed(1) draws A_prev (8, 16, 16, 8), W (3, 3, 8, 16), b (1, 1, 1, 16), pad 1, stride 1. Each lap prints
nothing; the last lap's np.mean(dW) is the "cost" to compare with dls4j's. Needs numpy.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the peers
import peer  # noqa: E402

CASES = {
    "conv-scratch": peer.Case(20, 5),
}

options = peer.start(CASES)  # before numpy loads OpenBLAS
try:
    import numpy as np
except ImportError:
    peer.unavailable("numpy", "pip install numpy, or apt-get install python3-numpy")


# ------------------------------------------------------------------- week 1: Convolutional Model, Step by Step

def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=(0, 0))


def conv_single_step(a_slice_prev, W, b):
    return np.sum(np.multiply(a_slice_prev, W)) + b.item()  # the notebook's float(b), which numpy 2 refuses


def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = stride * h
            for w in range(n_W):
                horiz_start = stride * w
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    f = W.shape[0]
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start, horiz_start = stride * h, stride * w
                    a_slice = a_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                    window = (slice(vert_start, vert_start + f), slice(horiz_start, horiz_start + f), slice(None))
                    da_prev_pad[window] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :] if pad > 0 else da_prev_pad
    return dA_prev, dW, db


def workload(name):
    np.random.seed(1)
    A_prev = np.random.randn(8, 16, 16, 8)
    W = np.random.randn(3, 3, 8, 16)
    b = np.random.randn(1, 1, 1, 16)

    def train(laps, stopwatch):
        mean_dW = None
        for _ in range(laps):
            Z, cache = conv_forward(A_prev, W, b, {"pad": 1, "stride": 1})
            _, dW, _ = conv_backward(Z, cache)
            mean_dW = np.mean(dW)
            stopwatch.lap()
        return mean_dW

    return train


if __name__ == "__main__":
    peer.run_case(options.case, CASES[options.case], options, workload(options.case))
    sys.exit(0)
