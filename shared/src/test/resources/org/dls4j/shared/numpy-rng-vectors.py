# Regenerates numpy-rng-vectors.json (read by NumpyRandomTest) with numpy's legacy global RandomState:
#   cd shared/src/test/resources/org/dls4j/shared && python3 numpy-rng-vectors.py > numpy-rng-vectors.json
# Every value is numpy's own output; doubles are also given as float.hex() so the test can compare bits.
import hashlib
import json
import math
import platform

import numpy as np

rs = np.random  # the legacy module-level RandomState the notebooks use


def hexes(values):
    return [float(v).hex() for v in np.asarray(values, dtype=np.float64).ravel()]


def per_seed(seed):
    out = {}
    rs.seed(seed)
    # A full-range uint32 draw returns MT19937's raw output unchanged.
    out["mt19937_first5_uint32"] = [int(v) for v in rs.randint(0, 2**32, size=5, dtype=np.uint32)]
    rs.seed(seed)
    uniforms = rs.random_sample(10)
    out["random_sample_10"] = uniforms.tolist()
    out["random_sample_10_hex"] = hexes(uniforms)
    rs.seed(seed)
    normals = rs.randn(10)
    out["randn_10"] = normals.tolist()
    out["randn_10_hex"] = hexes(normals)
    rs.seed(seed)
    out["randint_0_100_x10"] = rs.randint(0, 100, 10).tolist()
    rs.seed(seed)
    out["randint_0_100_x10_scalar_calls"] = [int(rs.randint(0, 100)) for _ in range(10)]
    rs.seed(seed)
    out["permutation_10"] = rs.permutation(10).tolist()
    rs.seed(seed)
    out["permutation_37"] = rs.permutation(37).tolist()
    rs.seed(seed)
    arange = np.arange(15)
    rs.shuffle(arange)
    out["shuffle_arange_15"] = arange.tolist()
    rs.seed(seed)
    w = rs.randn(3, 4) * 0.01
    out["randn_3x4_times_0.01"] = w.tolist()
    out["randn_3x4_times_0.01_hex"] = hexes(w)
    rs.seed(seed)
    out["rand_3x4"] = rs.rand(3, 4).tolist()
    rs.seed(seed)
    out["rand_2x5_lt_0.8_as_int"] = (rs.rand(2, 5) < 0.8).astype(int).tolist()
    return out


def interleaved(first_randn, rand_count, second_randn):
    """randn, rand, randn from seed 1: numpy keeps the spare Box-Muller value across the rand() call."""
    rs.seed(1)
    a = rs.randn(first_randn)
    b = rs.rand(rand_count)
    c = rs.randn(second_randn)
    names = ["randn%d" % first_randn, "rand%d" % rand_count, "randn%d" % second_randn]
    out = {}
    for name, values in zip(names, (a, b, c)):
        out[name] = values.tolist()
    for name, values in zip(names, (a, b, c)):
        out[name + "_hex"] = hexes(values)
    return out


def sha256(array, dtype):
    return hashlib.sha256(np.ascontiguousarray(array, dtype=dtype).tobytes()).hexdigest()


vectors = {
    "numpy_version": np.__version__,
    "python_version": platform.python_version(),
    "per_seed": {str(seed): per_seed(seed) for seed in (0, 1, 2, 3, 42)},
}

first = interleaved(2, 3, 3)
rs.seed(1)
first["reference_seed1_randn5"] = rs.randn(5).tolist()
rs.seed(1)
first["reference_seed1_random_sample12"] = rs.random_sample(12).tolist()
vectors["seed1_interleave_randn2_rand3_randn3"] = first
vectors["seed1_interleave_randn3_rand2_randn2"] = interleaved(3, 2, 2)

rs.seed(0)
normals = rs.randn(1_000_000)
running = 0.0
for value in normals.tolist():  # strictly left to right, one rounding per addition
    running += value
exact = math.fsum(normals.tolist())
vectors["seed0_randn_1e6"] = {
    "fsum_correctly_rounded": exact,
    "fsum_hex": exact.hex(),
    "sequential_left_to_right_sum_hex": running.hex(),
    "sha256_of_little_endian_float64_bytes": sha256(normals, "<f8"),
    "value_at_999999_hex": float(normals[999_999]).hex(),
    "value_at_500000_hex": float(normals[500_000]).hex(),
}

rs.seed(0)
uniforms = rs.random_sample(1_000_000)
vectors["seed0_random_sample_1e6"] = {
    "sha256_of_little_endian_float64_bytes": sha256(uniforms, "<f8"),
    "value_at_999999_hex": float(uniforms[999_999]).hex(),
}

rs.seed(0)
permutation = rs.permutation(100_000)
vectors["seed0_permutation_100000"] = {
    "sha256_of_little_endian_int64_bytes": sha256(permutation, "<i8"),
    "first10": permutation[:10].tolist(),
}

specific = {}
rs.seed(0)
specific["seed0_permutation_148_first20"] = rs.permutation(148)[:20].tolist()
for seed in (11, 12, 13):
    rs.seed(seed)
    specific["seed%d_permutation_300_first20" % seed] = rs.permutation(300)[:20].tolist()
rs.seed(1)
specific["seed1_rand_2x5"] = rs.rand(2, 5).tolist()
rs.seed(1)
specific["seed1_rand_2x5_lt_0.7"] = (rs.rand(2, 5) < 0.7).astype(int).tolist()
rs.seed(2)
specific["seed2_randn_4x2_times_0.01"] = (rs.randn(4, 2) * 0.01).tolist()
rs.seed(1)
r = rs.randn(200)
specific["seed1_randn_200_first5_and_last"] = r[:5].tolist() + [float(r[199])]
vectors["assignment_specific"] = specific

vectors["notes"] = {
    "seeding": "np.random.seed(s) with an int s (0 <= s < 2**32) = MT19937 init_genrand(s) (Knuth multiplier"
               " 1812433253), pos=624, has_gauss=0. Not init_by_array.",
    "random_sample": "a = next_uint32() >> 5; b = next_uint32() >> 6; value = (a*67108864.0 + b) /"
                     " 9007199254740992.0 (rand/random_sample/uniform all use this).",
    "standard_normal": "legacy polar Box-Muller with a one-value cache: if has_gauss: return cached and clear;"
                       " else repeat {x1 = 2*u1-1; x2 = 2*u2-1; r2 = x1*x1+x2*x2} while r2 >= 1 or r2 == 0;"
                       " f = sqrt(-2*log(r2)/r2); cache f*x1; return f*x2. The cache survives rand() calls and is"
                       " cleared only by seed().",
    "array_fill_order": "randn(d0,d1,...) / rand(...) / normal(size=...) fill the array in C (row-major) order,"
                        " one draw per element.",
    "normal": "np.random.normal(loc, scale, size) = loc + scale * standard_normal() per element (legacy).",
    "randint": "legacy RandomState.randint(low, high) (default int64): rng = high-1-low; mask = smallest 2**k-1 >="
               " rng; draw v = next_uint32() & mask until v <= rng (32-bit draws while rng <= 0xFFFFFFFF); result"
               " low + v. Scalar and array calls consume identically.",
    "permutation_shuffle": "shuffle(x) of a 1-d array: for i = n-1 down to 1: j = random_interval(i) [mask ="
                           " smallest 2**k-1 >= i; draw next_uint32() & mask until <= i]; swap x[i], x[j]."
                           " permutation(n) = shuffle(arange(n)).",
    "libm_caveat": "Bit-exact randn needs log() and sqrt() results identical to the C library used by numpy; sqrt"
                   " is exact (IEEE), log from glibc is correctly rounded for practically all inputs here; Java"
                   " StrictMath.log (fdlibm, <1 ulp) may differ in rare cases. Use the 1e6-sample sha256 checksums"
                   " below to detect any mismatch.",
    "generated_with": "this file was generated by numpy %s (python %s) with numpy-rng-vectors.py beside it"
                      % (np.__version__, platform.python_version()),
}

print(json.dumps(vectors, indent=1))
