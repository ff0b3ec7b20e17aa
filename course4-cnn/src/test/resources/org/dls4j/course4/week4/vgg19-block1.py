"""Writes vgg19-block1.h5, the test fixture of NeuralStyleTransferTest.kerasWeightsFileLoadsIntoTheGraph: block 1 of
VGG-19 in the layout of Keras' save_weights (the file `vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5` has), with
made-up values that show where each weight lands: kernel values (k mod 251) / 1000 by flat index k, biases -b / 100.
No real weights.

    cd course4-cnn/src/test/resources/org/dls4j/course4/week4 && python3 vgg19-block1.py
"""
import h5py
import numpy as np

LAYERS = [("block1_conv1", (3, 3, 3, 64)), ("block1_conv2", (3, 3, 64, 64))]

with h5py.File("vgg19-block1.h5", "w") as f:
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.1.5"
    f.attrs["layer_names"] = np.array([b"input_1", b"block1_conv1", b"block1_conv2", b"block1_pool"])
    for name in ("input_1", "block1_pool"):
        f.create_group(name).attrs["weight_names"] = np.array([], dtype="S1")
    for name, shape in LAYERS:
        group = f.create_group(name)
        group.attrs["weight_names"] = np.array([f"{name}/kernel:0".encode(), f"{name}/bias:0".encode()])
        inner = group.create_group(name)
        inner["kernel:0"] = (np.arange(np.prod(shape)) % 251 / 1000.0).astype(np.float32).reshape(shape)
        inner["bias:0"] = (-np.arange(shape[-1]) / 100.0).astype(np.float32)
