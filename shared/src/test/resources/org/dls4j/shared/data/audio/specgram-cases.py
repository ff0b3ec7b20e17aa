# Regenerates specgram-cases.json (read by SpectrogramTest): matplotlib's mlab.specgram(x, NFFT, Fs, noverlap) with
# its defaults (window_hanning, detrend_none, mode 'psd', one-sided, scale_by_freq) on an integer test signal
# x[n] = (7 n^2 + 13 n) % 4001 - 2000. matplotlib is not installed here, so its formula (mlab._spectral_helper) is
# written out with numpy:
#   cd shared/src/test/resources/org/dls4j/shared/data/audio && python3 specgram-cases.py > specgram-cases.json
import json

import numpy as np


def specgram(x, nfft, fs, noverlap):
    step = nfft - noverlap
    n = (len(x) - noverlap) // step
    window = np.hanning(nfft)
    cols = np.stack([x[i * step:i * step + nfft] for i in range(n)], axis=1) * window[:, None]
    res = np.fft.fft(cols, n=nfft, axis=0)[:nfft // 2 + 1, :]
    res = (np.conj(res) * res).real
    # scale everything but the DC component and (NFFT even) the NFFT/2 component by 2
    res[1:-1 if nfft % 2 == 0 else None] *= 2.0
    res /= fs
    res /= (np.abs(window) ** 2).sum()
    return res


def signal(length):
    n = np.arange(length, dtype=np.int64)
    return ((7 * n * n + 13 * n) % 4001 - 2000).astype(np.float64)


cases = []
for length, nfft, fs, noverlap in ((2000, 200, 8000, 120), (60, 9, 100, 3)):
    pxx = specgram(signal(length), nfft, fs, noverlap)
    cases.append(dict(length=length, nfft=nfft, fs=fs, noverlap=noverlap, shape=list(pxx.shape),
                      pxx=[[float(v).hex() for v in row] for row in pxx]))
print(json.dumps(cases))
