"""Writes keras-layer-names.h5, the test fixture of YoloV2GraphTest: a Keras full-model file (`model_weights` group,
as yolo.h5 has) whose `layer_names` list convolutions out of their numeric order (conv2d_10 before conv2d_2, the
unnumbered conv2d last), four 1x1x1x1 kernels of zeros and a batch norm of ones. No real weights.

    cd course4-cnn/src/test/resources/org/dls4j/course4/week3 && python3 keras-layer-names.py
"""
import h5py
import numpy as np

NAMES = ["input_1", "conv2d_10", "conv2d_2", "batch_normalization_1", "conv2d_1", "leaky_re_lu_1", "conv2d"]

with h5py.File("keras-layer-names.h5", "w") as f:
    weights = f.create_group("model_weights")
    weights.attrs["keras_version"] = b"2.1.5"
    weights.attrs["layer_names"] = np.array([n.encode() for n in NAMES], dtype="S21")
    for name in NAMES:
        group = weights.create_group(name)
        if name.startswith("conv2d"):
            group.attrs["weight_names"] = np.array([f"{name}/kernel:0".encode()])
            group.create_group(name)["kernel:0"] = np.zeros((1, 1, 1, 1), np.float32)
        elif name.startswith("batch_normalization"):
            parts = ["gamma", "beta", "moving_mean", "moving_variance"]
            group.attrs["weight_names"] = np.array([f"{name}/{p}:0".encode() for p in parts])
            inner = group.create_group(name)
            for p in parts:
                inner[p + ":0"] = np.ones(1, np.float32)
        else:
            group.attrs["weight_names"] = np.array([], dtype="S1")
