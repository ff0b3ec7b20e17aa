"""numpy peers of Course 1's ./dls bench cases: the notebooks' training loops, as the notebooks write them.

    python3 bench/peers/course1.py l-layer|two-layer|logistic-regression|planar [--laps N] [--warmup N] [--threads N]

Each case trains from the notebook's initial state on the notebook's data and prints the RESULT line of
./dls bench. Needs numpy, h5py (the cat pictures) and, to report the BLAS kernel, threadpoolctl.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the peers
import peer  # noqa: E402

CASES = {
    "l-layer": peer.Case(2500, 50),
    "two-layer": peer.Case(2500, 50),
    "logistic-regression": peer.Case(2000, 50),
    "planar": peer.Case(10000, 500),
}

options = peer.start(CASES)  # before numpy loads OpenBLAS
try:
    import numpy as np
except ImportError:
    peer.unavailable("numpy", "pip install numpy, or apt-get install python3-numpy")


# ------------------------------------------------------------------- week 4: dnn_app_utils_v3, full-batch descent

def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, ((A_prev, W, b), activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    return np.squeeze(cost)


def linear_backward(dZ, linear_cache):
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def L_layer_model(X, Y, layers_dims, laps, stopwatch, learning_rate=0.0075):
    """L_layer_model's loop; the two-layer model runs the same arithmetic with its own initialisation."""
    np.random.seed(1)
    if len(layers_dims) == 3:
        parameters = initialize_parameters(*layers_dims)
    else:
        parameters = initialize_parameters_deep(layers_dims)

    def iteration(parameters):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        return update_parameters(parameters, grads, learning_rate), cost

    return peer.descend(parameters, iteration, laps, stopwatch)


# -------------------------------------------------------------------------------- week 2: logistic regression

def propagate(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": db}, np.squeeze(np.array(cost))


def optimize(w, b, X, Y, laps, stopwatch, learning_rate=0.005):
    def iteration(wb):
        w, b = wb
        grads, cost = propagate(w, b, X, Y)
        return (w - learning_rate * grads["dw"], b - learning_rate * grads["db"]), cost

    return peer.descend((w.copy(), b), iteration, laps, stopwatch)


# ------------------------------------------------------------------------------------- week 3: planar_utils

def nn_model(X, Y, n_h, laps, stopwatch, learning_rate=1.2):
    np.random.seed(3)
    n_x, n_y = X.shape[0], Y.shape[0]
    parameters = (np.random.randn(n_h, n_x) * 0.01, np.zeros((n_h, 1)),
                  np.random.randn(n_y, n_h) * 0.01, np.zeros((n_y, 1)))
    m = X.shape[1]

    def iteration(parameters):
        W1, b1, W2, b2 = parameters
        # forward_propagation
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = 1 / (1 + np.exp(-Z2))
        # compute_cost
        logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
        cost = float(np.squeeze(- 1 / m * np.sum(logprobs)))
        # backward_propagation
        dZ2 = A2 - Y
        dW2 = 1 / m * np.dot(dZ2, A1.T)
        db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        dW1 = 1 / m * np.dot(dZ1, X.T)
        db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
        # update_parameters
        return (W1 - learning_rate * dW1, b1 - learning_rate * db1,
                W2 - learning_rate * dW2, b2 - learning_rate * db2), cost

    return peer.descend(parameters, iteration, laps, stopwatch)


def workload(name):
    if name in ("l-layer", "two-layer"):
        X, Y = peer.cats()
        dims = [12288, 20, 7, 5, 1] if name == "l-layer" else [12288, 7, 1]
        return lambda laps, sw: L_layer_model(X, Y, dims, laps, sw)
    if name == "logistic-regression":
        X, Y = peer.cats()
        return lambda laps, sw: optimize(np.zeros((X.shape[0], 1)), 0.0, X, Y, laps, sw)
    X, Y = peer.points("planar_flower")
    return lambda laps, sw: nn_model(X, Y, 4, laps, sw)


if __name__ == "__main__":
    peer.run_case(options.case, CASES[options.case], options, workload(options.case))
    sys.exit(0)
