# Regenerates trigger-synthesis.json (read by TriggerSynthesisTest): the notebook's synthesis functions (C5 W3
# "Trigger word detection", 2021 version) with numpy's legacy global RandomState, on the course's raw_data clips
# sorted by file name, pydub's arithmetic written out in numpy (pydub is not installed here):
#   cd course5-sequence/src/test/resources/org/dls4j/course5/week3
#   python3 trigger-synthesis.py DATA_FOLDER/trigger/raw_data > trigger-synthesis.json
# pydub semantics used: len(seg) = round(1000 * frames / rate) (Python's round: half to even); seg[:ms] cuts at
# int(ms * rate / 1000.0) frames; overlay = audioop.add (sample-wise sum, clipped to int16), a mono clip duplicated
# to stereo first; seg + dB = audioop.mul by 10 ** (dB / 20): floor(clip(v * f, -32768, 32767)) (the clip sends
# v * f < -32767 to -32768); dBFS = 20 log10(rms / 32768) with audioop.rms = (int) sqrt(sum v^2 / n) over all
# channels' samples. The spectrogram is matplotlib's mlab.specgram(x[:, 0], NFFT=200, Fs=8000, noverlap=120)
# (matplotlib is not installed here): its formula, written out below.
import json
import os
import sys

import numpy as np
from scipy.io import wavfile

RATE = 44100


class Seg:
    def __init__(self, data):
        self.data = data.astype(np.float64)  # (frames, channels), integer values

    def __len__(self):
        return int(round(1000 * self.data.shape[0] / RATE))

    def gain(self, db):
        f = 10 ** (db / 20.0)
        v = self.data * f
        v = np.where(v > 32767, 32767, np.where(v < -32767, -32768, v))
        return Seg(np.floor(v))

    def dbfs(self):
        rms = int(np.sqrt(np.sum(self.data ** 2) / self.data.size))
        return 20 * np.log10(rms / 32768.0) if rms else -np.inf

    def overlay(self, clip, position):
        bg = self.data.copy()
        c = clip.data
        if c.shape[1] < bg.shape[1]:
            c = np.repeat(c, bg.shape[1], axis=1)
        start = int(position * (RATE / 1000.0))
        n = min(c.shape[0], bg.shape[0] - start)
        bg[start:start + n] = np.clip(bg[start:start + n] + c[:n], -32768, 32767)
        return Seg(bg)


def load(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        _, data = wavfile.read(os.path.join(folder, name))
        out.append(Seg(data.reshape(data.shape[0], -1)))
    return out


def specgram(x, nfft=200, fs=8000, noverlap=120):
    # mlab._spectral_helper, mode 'psd', one-sided, hanning window, no detrend, scale_by_freq
    step = nfft - noverlap
    n = (len(x) - noverlap) // step
    window = np.hanning(nfft)
    cols = np.stack([x[i * step:i * step + nfft] for i in range(n)], axis=1) * window[:, None]
    res = np.fft.fft(cols, n=nfft, axis=0)[:nfft // 2 + 1, :]
    res = (np.conj(res) * res).real
    res[1:-1] *= 2.0
    res /= fs
    res /= (np.abs(window) ** 2).sum()
    return res


def get_random_time_segment(segment_ms):
    segment_start = np.random.randint(low=0, high=10000 - segment_ms)
    return (segment_start, segment_start + segment_ms - 1)


def is_overlapping(segment_time, previous_segments):
    s, e = segment_time
    return any(s <= pe and e >= ps for ps, pe in previous_segments)


def insert_audio_clip(background, clip, previous_segments, draws):
    segment_ms = len(clip)
    segment_time = get_random_time_segment(segment_ms)
    draws.append(segment_time[0])
    retry = 5
    while is_overlapping(segment_time, previous_segments) and retry >= 0:
        segment_time = get_random_time_segment(segment_ms)
        draws.append(segment_time[0])
        retry = retry - 1
    if not is_overlapping(segment_time, previous_segments):
        previous_segments.append(segment_time)
        return background.overlay(clip, segment_time[0]), segment_time
    return background, (10000, 10000)


def insert_ones(y, segment_end_ms):
    _, ty = y.shape
    k = int(segment_end_ms * ty / 10000.0)
    if k < ty:
        for i in range(k + 1, k + 51):
            if i < ty:
                y[0, i] = 1
    return y


def create_training_example(background, activates, negatives, ty=1375):
    background = background.gain(-20)
    y = np.zeros((1, ty))
    previous, draws = [], []
    n_act = np.random.randint(0, 5)
    act_idx = np.random.randint(len(activates), size=n_act)
    act_segments = []
    for i in act_idx:
        background, seg = insert_audio_clip(background, activates[i], previous, draws)
        act_segments.append(seg)
        y = insert_ones(y, seg[1])
    n_neg = np.random.randint(0, 3)
    neg_idx = np.random.randint(len(negatives), size=n_neg)
    neg_segments = []
    for i in neg_idx:
        background, seg = insert_audio_clip(background, negatives[i], previous, draws)
        neg_segments.append(seg)
    background = background.gain(-20.0 - background.dbfs())
    x = specgram(background.data[:, 0])
    return x, y, dict(activates=act_idx.tolist(), negatives=neg_idx.tolist(),
                      activate_segments=[list(map(int, s)) for s in act_segments],
                      negative_segments=[list(map(int, s)) for s in neg_segments],
                      starts_drawn=[int(d) for d in draws],
                      ones=np.flatnonzero(y[0]).tolist(),
                      audio_sum=float(background.data.sum()),
                      audio_sum_squares=float((background.data ** 2).sum()),
                      x_shape=list(x.shape), x_norm=float(np.linalg.norm(x)),
                      x_sum=float(x.sum()), x_0_0=float(x[0, 0]), x_50_2000=float(x[50, 2000]))


def main(raw):
    activates = load(os.path.join(raw, "activates"))
    negatives = load(os.path.join(raw, "negatives"))
    backgrounds = load(os.path.join(raw, "backgrounds"))
    out = {"activate_lengths_ms": [len(a) for a in activates], "negative_lengths_ms": [len(n) for n in negatives]}
    # insert_audio_clip's tests: np.random.seed(5), the 916 ms clip (3_act2.wav, the notebook's activates[0])
    clip = activates[[len(a) for a in activates].index(916)]
    cases = []
    for previous in ([(3790, 4400)], [(0, 4400)], [(0, 9999)]):
        np.random.seed(5)
        draws = []
        _, seg = insert_audio_clip(backgrounds[0], clip, list(previous), draws)
        cases.append(dict(previous=[list(p) for p in previous], segment=list(map(int, seg)),
                          starts_drawn=[int(d) for d in draws]))
    out["insert_audio_clip_seed5_916ms"] = cases
    examples = []
    for seed, bg in ((18, 0), (4543, 1), (1, 0), (7, 1), (10, 0)):
        np.random.seed(seed)
        _, _, info = create_training_example(backgrounds[bg], activates, negatives)
        info.update(seed=seed, background=bg)
        examples.append(info)
    out["create_training_example"] = examples
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
