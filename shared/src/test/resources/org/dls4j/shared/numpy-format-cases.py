# Regenerates numpy-format-cases.jsonl: python3 numpy-format-cases.py > numpy-format-cases.jsonl
# Each line: [name, shape, values in C order, str(np.array(values))] with numpy's default print options.
import json
import numpy as np

cases = {
    "sigmoid": [0.7310585786300049, 0.8807970779778825, 0.9525741268224334],
    "halfAndSigmoid2": [0.5, 0.8807970779778825],
    "normalizeRows": [[0, 0.6, 0.8], [0.13736056394868904, 0.8241633836921342, 0.5494422557947561]],
    "softmax": [[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
                [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04]],
    "ones": [[1., 1., 0.]],
    "negatives": [-1.5, 2.25, 0.0],
    "dw": [[0.99845601], [2.39507239]],
    "wide": list(np.linspace(0.1, 3.3, 17)),
    "tiny": [1e-5, 0.5],
    "big": [1.5e9, 2.0],
    "sciNeg": [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271]],
    "ints": [17., 31., 56., 22., 33.],
    "inf": [np.inf, 1.0, -np.inf],
}
for name, values in cases.items():
    a = np.array(values, dtype=np.float64)
    print(json.dumps([name, a.shape, a.ravel().tolist(), str(a)]))
a = np.arange(2000, dtype=np.float64) / 7
print(json.dumps(["summarized", a.shape, a.ravel().tolist(), str(a)]))
