# Regenerates shakespeare-golden.json (read by WritingLikeShakespeareTest) from the shipped Keras 2.0.6 model,
# with h5py and numpy only (no Keras): the model's forward pass written out in float64 on the file's float32 weights.
#   cd course5-sequence/src/test/resources/org/dls4j/course5/week1
#   python3 shakespeare-golden.py DATA_FOLDER > shakespeare-golden.json
import io
import json
import sys

import h5py
import numpy as np

data = sys.argv[1]
text = io.open(data + "/dinos/shakespeare.txt", encoding="utf-8").read().lower()
chars = sorted(list(set(text)))
char_indices = dict((c, i) for i, c in enumerate(chars))
Tx = 40

f = h5py.File(data + "/dinos/models/model_shakespeare_kiank_350_epoch.h5", "r")
w = f["model_weights"]


def weight(layer, name):
    return np.asarray(w[layer][layer][name + ":0"], dtype=np.float64)


def hard_sigmoid(x):  # Keras 2.0: clip(0.2 x + 0.5, 0, 1)
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


def lstm(x, layer):
    """Keras 2.0 LSTM (implementation 0): gates i, f, c, o in the kernel's columns; returns every step's h."""
    kernel, recurrent, bias = weight(layer, "kernel"), weight(layer, "recurrent_kernel"), weight(layer, "bias")
    n = recurrent.shape[0]
    h = np.zeros(n)
    c = np.zeros(n)
    out = []
    for t in range(x.shape[0]):
        z = x[t] @ kernel + h @ recurrent + bias
        i, fg, cc, o = hard_sigmoid(z[:n]), hard_sigmoid(z[n:2 * n]), np.tanh(z[2 * n:3 * n]), hard_sigmoid(z[3 * n:])
        c = fg * c + i * cc
        h = o * np.tanh(c)
        out.append(h)
    return np.array(out)


def predict(sentence):
    """x_pred as generate_output builds it ('0' is padding: a zero row), then the model (dropout off)."""
    x = np.zeros((Tx, len(chars)))
    for t, char in enumerate(sentence):
        if char != "0":
            x[t, char_indices[char]] = 1.0
    h = lstm(lstm(x, "lstm_5"), "lstm_6")[-1]
    z = h @ weight("dense_3", "kernel") + weight("dense_3", "bias")
    e = np.exp(z - z.max())
    return e / e.sum()


def sample(preds, temperature=1.0):
    preds = np.asarray(preds).astype("float64")
    preds = np.log(preds) / temperature
    exp_preds = np.exp(preds)
    preds = exp_preds / np.sum(exp_preds)
    probas = np.random.multinomial(1, preds, 1)
    return np.random.choice(range(len(chars)), p=probas.ravel())


def padded(prompt):
    return ("{0:0>" + str(Tx) + "}").format(prompt).lower()


prompts = ["Forsooth this maketh no sense ", text[:Tx], "O"]
cases = [{"prompt": p, "sentence": padded(p), "probabilities": predict(padded(p)).tolist()} for p in prompts]

# generate_output() for the graded prompt, seeded, 40 characters
np.random.seed(0)
sentence = padded(prompts[0])
generated = ""
for _ in range(40):
    next_char = chars[sample(predict(sentence))]
    generated += next_char
    sentence = sentence[1:] + next_char

params = {name: int(sum(np.prod(w[name][name][k].shape) for k in w[name][name])) for name in
          ("lstm_5", "lstm_6", "dense_3")}
# the file also keeps Adam's two moments of every weight and its iteration count: 665,971 numbers in all
arrays = []
f.visititems(lambda name, node: arrays.append(int(np.prod(node.shape))) if isinstance(node, h5py.Dataset) else None)
file_arrays_total = sum(arrays)
print(json.dumps({
    "numpy_version": np.__version__,
    "vocabulary": "".join(chars),
    "params": params,
    "total_params": sum(params.values()),
    "file_arrays_total": file_arrays_total,
    "cases": cases,
    "seed0_generated_40": generated,
}, indent=1))
