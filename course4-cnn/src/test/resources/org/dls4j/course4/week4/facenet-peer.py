"""PyTorch peer of FaceNet nn4.small2 (the course's faceRecoModel, Keras channels-first), for FaceNetGraphTest.

Written from the Keras definition (inception_blocks_v2.py) independently of the DL4J graph: the OpenFace CSV
weights that are here, the 5 missing files replaced by 0.05 * sin(0.37 * j) (j = the value's index in the file),
the input x[i] = 0.5 + 0.5 * sin(0.01 * i) over the flat (1, 3, 96, 96) C-order index. Prints the encoding.
Run: /usr/bin/python3 facenet-peer.py /path/to/facenet/weights
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

FOLDER = sys.argv[1]


def csv(name, shape):
    path = os.path.join(FOLDER, name + '.csv')
    n = int(np.prod(shape))
    if os.path.exists(path):
        values = np.genfromtxt(path, delimiter=',', dtype=None)
    else:
        values = 0.05 * np.sin(0.37 * np.arange(n))
    assert values.size == n, (name, values.size, shape)
    return torch.tensor(values.reshape(shape), dtype=torch.float32)


def conv(x, name, cin, cout, k, stride=1):
    w = csv(name + '_w', (cout, cin, k, k))
    b = csv(name + '_b', (cout,))
    return F.conv2d(x, w, b, stride=stride)


def bn(x, name, c, eps=1e-5):
    return F.batch_norm(x, csv(name + '_m', (c,)), csv(name + '_v', (c,)), csv(name + '_w', (c,)),
                        csv(name + '_b', (c,)), training=False, eps=eps)


def pad(x, top, bottom, left, right):
    return F.pad(x, (left, right, top, bottom))


def conv2d_bn(x, layer, cin, cv1_out, padding=None, cv2_out=None, cv2_filter=3, cv2_stride=1):
    num = '' if cv2_out is None else '1'
    x = F.relu(bn(conv(x, layer + '_conv' + num, cin, cv1_out, 1), layer + '_bn' + num, cv1_out))
    if padding is None:
        return x
    x = pad(x, *padding)
    if cv2_out is None:
        return x
    x = conv(x, layer + '_conv2', cv1_out, cv2_out, cv2_filter, cv2_stride)
    return F.relu(bn(x, layer + '_bn2', cv2_out))


def same(p):
    return (p, p, p, p)


def model(x):
    x = pad(x, 3, 3, 3, 3)
    x = F.relu(bn(conv(x, 'conv1', 3, 64, 7, 2), 'bn1', 64, eps=1e-3))
    x = F.max_pool2d(pad(x, 1, 1, 1, 1), 3, 2)
    x = F.relu(bn(conv(x, 'conv2', 64, 64, 1), 'bn2', 64))
    x = pad(x, 1, 1, 1, 1)
    x = F.relu(bn(conv(x, 'conv3', 64, 192, 3), 'bn3', 192))
    x = F.max_pool2d(pad(x, 1, 1, 1, 1), 3, 2)
    # 3a
    x = torch.cat([conv2d_bn(x, 'inception_3a_3x3', 192, 96, same(1), 128, 3),
                   conv2d_bn(x, 'inception_3a_5x5', 192, 16, same(2), 32, 5),
                   conv2d_bn(F.max_pool2d(x, 3, 2), 'inception_3a_pool', 192, 32, (3, 4, 3, 4)),
                   conv2d_bn(x, 'inception_3a_1x1', 192, 64)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_3b_3x3', 256, 96, same(1), 128, 3),
                   conv2d_bn(x, 'inception_3b_5x5', 256, 32, same(2), 64, 5),
                   conv2d_bn(F.avg_pool2d(x, 3, 3), 'inception_3b_pool', 256, 64, same(4)),
                   conv2d_bn(x, 'inception_3b_1x1', 256, 64)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_3c_3x3', 320, 128, same(1), 256, 3, 2),
                   conv2d_bn(x, 'inception_3c_5x5', 320, 32, same(2), 64, 5, 2),
                   pad(F.max_pool2d(x, 3, 2), 0, 1, 0, 1)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_4a_3x3', 640, 96, same(1), 192, 3),
                   conv2d_bn(x, 'inception_4a_5x5', 640, 32, same(2), 64, 5),
                   conv2d_bn(F.avg_pool2d(x, 3, 3), 'inception_4a_pool', 640, 128, same(2)),
                   conv2d_bn(x, 'inception_4a_1x1', 640, 256)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_4e_3x3', 640, 160, same(1), 256, 3, 2),
                   conv2d_bn(x, 'inception_4e_5x5', 640, 64, same(2), 128, 5, 2),
                   pad(F.max_pool2d(x, 3, 2), 0, 1, 0, 1)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_5a_3x3', 1024, 96, same(1), 384, 3),
                   conv2d_bn(F.avg_pool2d(x, 3, 3), 'inception_5a_pool', 1024, 96, same(1)),
                   conv2d_bn(x, 'inception_5a_1x1', 1024, 256)], 1)
    x = torch.cat([conv2d_bn(x, 'inception_5b_3x3', 736, 96, same(1), 384, 3),
                   conv2d_bn(F.max_pool2d(x, 3, 2), 'inception_5b_pool', 736, 96, same(1)),
                   conv2d_bn(x, 'inception_5b_1x1', 736, 256)], 1)
    x = F.avg_pool2d(x, 3, 1).flatten(1)
    x = F.linear(x, csv('dense_w', (128, 736)), csv('dense_b', (128,)))
    return x / torch.sqrt(torch.clamp((x * x).sum(1, keepdim=True), min=1e-12))


x = torch.tensor(0.5 + 0.5 * np.sin(0.01 * np.arange(3 * 96 * 96)), dtype=torch.float32).reshape(1, 3, 96, 96)
with torch.no_grad():
    e = model(x)[0].numpy()
print('first 8:', ', '.join(repr(float(v)) for v in e[:8]))
print('sum:', repr(float(e.astype(np.float64).sum())), 'sum of |e|:', repr(float(np.abs(e.astype(np.float64)).sum())))
