"""numpy peers of Course 2's ./dls bench cases: the notebooks' training loops, as the notebooks write them.

    python3 bench/peers/course2.py init-he|adam-moons [--laps N] [--warmup N] [--threads N]

init-he is week 1's Initialization model (init_utils) with He initialisation; adam-moons is week 2's Optimization
model (opt_utils_v1a) with Adam, timed per epoch and reported per mini-batch step. Needs numpy (and threadpoolctl
to report the BLAS kernel).
"""
import math
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the peers
import peer  # noqa: E402

CASES = {
    "init-he": peer.Case(15000, 1000),
    "adam-moons": peer.Case(5000, 200, lap="epoch", unit="step"),
}

options = peer.start(CASES)  # before numpy loads OpenBLAS
try:
    import numpy as np
except ImportError:
    peer.unavailable("numpy", "pip install numpy, or apt-get install python3-numpy")


# ------------------------------------------------------------- the three-layer network of init_utils / opt_utils

def relu(x):
    return np.maximum(0, x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward_propagation(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    return a3, (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)


def backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1. / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dz3": dz3, "dW3": dW3, "db3": db3, "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
            "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}


def he_parameters(layers_dims):
    """init_utils.initialize_parameters_he and opt_utils_v1a.initialize_parameters: seed 3, He scaling."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) \
            * np.sqrt(2. / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


# ----------------------------------------------------------------------------------- week 1: Initialization, He

def compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def initialization_model(X, Y, laps, stopwatch, learning_rate=0.01):
    def iteration(parameters):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = backward_propagation(X, Y, cache)
        return update_parameters(parameters, grads, learning_rate), cost

    return peer.descend(he_parameters([X.shape[0], 10, 5, 1]), iteration, laps, stopwatch)


# ----------------------------------------------------------------------------------- week 2: Optimization, Adam

def compute_cost(a3, Y):
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def random_mini_batches(X, Y, mini_batch_size, seed):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    batches = []
    complete = math.floor(m / mini_batch_size)
    for k in range(0, complete):
        batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                        shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        batches.append((shuffled_X[:, complete * mini_batch_size:], shuffled_Y[:, complete * mini_batch_size:]))
    return batches


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            d = "d" + p + str(l)
            v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
            v_corrected[d] = v[d] / (1 - np.power(beta1, t))
            s[d] = beta2 * s[d] + (1 - beta2) * np.power(grads[d], 2)
            s_corrected[d] = s[d] / (1 - np.power(beta2, t))
            parameters[p + str(l)] = parameters[p + str(l)] \
                - learning_rate * v_corrected[d] / (np.sqrt(s_corrected[d]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def adam_model(X, Y, laps, stopwatch, learning_rate=0.0007, mini_batch_size=64, beta1=0.9, beta2=0.999,
               epsilon=1e-8):
    parameters = he_parameters([X.shape[0], 5, 2, 1])
    v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    s = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    t = 0
    seed = 10
    m = X.shape[1]
    cost_avg = None
    for i in range(laps):
        seed = seed + 1
        minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
        cost_total = 0
        for minibatch_X, minibatch_Y in minibatches:
            a3, caches = forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            t = t + 1
            parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                                 beta1, beta2, epsilon)
        cost_avg = cost_total / m
        stopwatch.lap(len(minibatches))
    return cost_avg


def workload(name):
    if name == "init-he":
        X, Y = peer.points("circles_train")
        return lambda laps, sw: initialization_model(X, Y, laps, sw)
    X, Y = peer.points("moons")
    return lambda laps, sw: adam_model(X, Y, laps, sw)


if __name__ == "__main__":
    peer.run_case(options.case, CASES[options.case], options, workload(options.case))
    sys.exit(0)
