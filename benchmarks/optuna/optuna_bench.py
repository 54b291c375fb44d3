#!/usr/bin/python3
"""Optuna's side of dl4j-tuner's sampler benchmark (Debian's python3-optuna).

Prints one JSON object per line, so the Java driver can read it:
  regret   FUNCTION SAMPLER SEEDS TRIALS -> {"function", "sampler", "seed", "best": [best-so-far per trial]}
  overhead FUNCTION SAMPLER TRIALS       -> {"function", "sampler", "ms": [ms per trial: ask + objective + tell]}
  lc TABLE VARIANT SEEDS TRIALS          -> {"variant", "seed", "epochs", "improvements": [[epochs, best final]]}
     (the digits-mlp-lc learning-curve table; VARIANT is SAMPLER+PRUNER, e.g. tpe+hyperband)
  mo FUNCTION SAMPLER SEEDS TRIALS [FIRST-SEED] -> {"function", "sampler", "seed", "values": [[objective values] per trial]}
     (ZDT1, ZDT2, DTLZ2 as MultiObjectiveFunction.java defines them; seeds FIRST-SEED (default 0) on; SAMPLER
      optuna-nsga2, optuna-nsga2-pN, optuna-motpe (TPESampler, 3.1's multi-objective TPE), optuna-motpe-multivariate, optuna-motpe-deprecated
      (the MOTPESampler alias with its own defaults), optuna-random)
  importance FILE REPEATS                -> {"importance": {param: share}, "ms": [ms per evaluation]}
     (fANOVA, Optuna's default evaluator, on the trials in FILE: {"distributions", "trials": [{"params", "value"}]};
      needs Debian's python3-sklearn)
The test functions match benchmarks/src/main/java/org/dl4jtuner/benchmarks/TestFunction.java.
"""
import csv
import gzip
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(t):
    x1 = t.suggest_float("x0", -5, 10)
    x2 = t.suggest_float("x1", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))
        total += ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock4(t):
    x = [t.suggest_float("x%d" % i, -5, 10) for i in range(4)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def ackley5(t):
    x = [t.suggest_float("x%d" % i, -32.768, 32.768) for i in range(5)]
    d = 5
    s1 = sum(v * v for v in x)
    s2 = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(s1 / d)) - math.exp(s2 / d) + 20 + math.e


FUNCTIONS = {"BRANIN": branin, "HARTMANN6": hartmann6, "ROSENBROCK4": rosenbrock4, "ACKLEY5": ackley5}


def sampler(name, seed):
    if name == "optuna-tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "optuna-tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name == "optuna-cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if name == "optuna-random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise SystemExit("unknown sampler " + name)


def regret(function, name, seeds, trials):
    for seed in range(seeds):
        study = optuna.create_study(sampler=sampler(name, seed))
        best = []
        current = math.inf
        for _ in range(trials):
            trial = study.ask()
            value = FUNCTIONS[function](trial)
            study.tell(trial, value)
            current = min(current, value)
            best.append(current)
        print(json.dumps({"function": function, "sampler": name, "seed": seed, "best": best}), flush=True)


def overhead(function, name, trials):
    study = optuna.create_study(sampler=sampler(name, 0))
    ms = []
    for _ in range(trials):
        start = time.perf_counter()
        trial = study.ask()
        value = FUNCTIONS[function](trial)
        study.tell(trial, value)
        ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"function": function, "sampler": name, "ms": ms}), flush=True)


DIGITS_SPACE = ["lr_idx", "alpha_idx", "width_idx", "depth", "bs_idx"]


def load_curves(path):
    """A learning-curve table (digits-mlp-lc, or what export-curves writes), read as the Java CurveTable
    reads it: the searched columns (digits: its five indices; else every column between config_id and
    epoch), each an int range when its values are whole numbers without gaps, else a choice of them."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        if "digits-mlp-lc" in str(path):
            space = DIGITS_SPACE
        else:
            space = header[header.index("config_id") + 1:header.index("epoch")]
        value_column = "val_acc" if "val_acc" in header else next(h for h in header if h.startswith("val_"))
        rows = {}
        seen = {c: set() for c in space}
        for row in reader:
            key = tuple(row[c] for c in space)
            for c in space:
                seen[c].add(row[c])
            rows.setdefault(key, {})[int(row["epoch"])] = float(row[value_column])
    epochs = max(max(v) for v in rows.values())
    curves = {k: [v[e] for e in range(1, epochs + 1)] for k, v in rows.items()}

    def order(value):
        try:
            return (0, float(value), "")
        except ValueError:
            return (1, 0.0, value)

    dims = []
    for c in space:
        values = sorted(seen[c], key=order)
        try:
            ints = [int(v) for v in values]
            contiguous = ints == list(range(ints[0], ints[0] + len(ints)))
        except ValueError:
            contiguous = False
        dims.append((c, values, contiguous))
    return dims, curves, epochs


def suggest_key(trial, dims):
    return tuple(str(trial.suggest_int(c, int(values[0]), int(values[-1]))) if contiguous
                 else trial.suggest_categorical(c, values) for c, values, contiguous in dims)


def lc_pruner(name, epochs):
    if name == "none":
        return optuna.pruners.NopPruner()
    if name == "hyperband":
        return optuna.pruners.HyperbandPruner(min_resource=1, max_resource=epochs, reduction_factor=3)
    if name == "sha":
        return optuna.pruners.SuccessiveHalvingPruner()
    if name == "median":
        return optuna.pruners.MedianPruner()
    raise SystemExit("unknown pruner " + name)


def lc(table, variant, seeds, trials):
    dims, curves, epochs = load_curves(table)
    sampler_name, pruner_name = variant.split("+")
    for seed in range(seeds):
        study = optuna.create_study(direction="maximize", sampler=sampler("optuna-" + sampler_name, seed),
                                    pruner=lc_pruner(pruner_name, epochs))
        spent = 0
        best = -math.inf
        improvements = []
        for _ in range(trials):
            trial = study.ask()
            curve = curves[suggest_key(trial, dims)]
            pruned = False
            for epoch in range(1, epochs + 1):
                spent += 1
                trial.report(curve[epoch - 1], epoch)
                if epoch < epochs and trial.should_prune():
                    pruned = True
                    break
            if pruned:
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            else:
                study.tell(trial, curve[epochs - 1])
                if curve[epochs - 1] > best:
                    best = curve[epochs - 1]
                    improvements.append([spent, best])
        print(json.dumps({"variant": variant, "seed": seed, "epochs": spent, "improvements": improvements}), flush=True)


def distribution(d):
    if d["type"] == "categorical":
        return optuna.distributions.CategoricalDistribution(d["choices"])
    if d["type"] == "int":
        return optuna.distributions.IntDistribution(d["low"], d["high"], log=d["log"], step=d.get("step") or 1)
    return optuna.distributions.FloatDistribution(d["low"], d["high"], log=d["log"], step=d.get("step"))


def importance(path, repeats):
    with open(path) as f:
        data = json.load(f)
    dists = {name: distribution(d) for name, d in data["distributions"].items()}
    study = optuna.create_study()
    study.add_trials([optuna.trial.create_trial(params=t["params"], distributions=dists, value=t["value"])
                      for t in data["trials"]])
    evaluator = optuna.importance.FanovaImportanceEvaluator(seed=0)
    optuna.importance.get_param_importances(study, evaluator=evaluator)  # warm-up
    ms = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = optuna.importance.get_param_importances(study, evaluator=evaluator)
        ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"importance": dict(result), "ms": ms}), flush=True)


def zdt_g(x):
    return 1 + 9 * sum(x[1:]) / (len(x) - 1)


def zdt1(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(30)]
    g = zdt_g(x)
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt2(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(30)]
    g = zdt_g(x)
    return [x[0], g * (1 - (x[0] / g) ** 2)]


def dtlz2(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(12)]
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a = x[0] * math.pi / 2
    b = x[1] * math.pi / 2
    return [(1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)]


MO_FUNCTIONS = {"ZDT1": (zdt1, 2), "ZDT2": (zdt2, 2), "DTLZ2": (dtlz2, 3)}


def memoize_last(function):
    """``function`` answering again, without recomputing, the last arguments it was given.

    Optuna 3.1's TPESampler splits the trials into good and bad ones once per parameter, though the
    split depends only on the trials' values: in a multi-objective study that is a greedy
    hypervolume subset selection over the last front that fits (pure-Python WFG hypervolumes,
    about 90% of the sampler's time), 30 times a trial on ZDT1. Remembering the last answer gives
    the same proposals, bit for bit, at one split a trial.
    """
    last = {}

    def key(value):
        if isinstance(value, (list, tuple)):
            return tuple(key(v) for v in value)
        if hasattr(value, "tobytes"):
            return (value.dtype.str, value.shape, value.tobytes())
        return value

    def wrapper(*args):
        k = key(args)
        if last.get("key") != k:
            last["key"] = k
            last["value"] = function(*args)
        value = last["value"]
        return tuple(v.copy() for v in value) if isinstance(value, tuple) else value.copy()

    return wrapper


def mo_sampler(name, seed):
    if name == "optuna-nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed)
    if name.startswith("optuna-nsga2-p"):  # another population size, e.g. optuna-nsga2-p20
        return optuna.samplers.NSGAIISampler(seed=seed, population_size=int(name[len("optuna-nsga2-p"):]))
    if name in ("optuna-motpe", "optuna-motpe-multivariate"):
        # Optuna 3.1's multi-objective TPE is TPESampler on a study of several objectives (MOTPESampler
        # is its deprecated alias, with a gamma of floor(0.1 n) without the cap of 25 and no weight ramp)
        from optuna.samplers._tpe import sampler as tpe
        tpe._split_observation_pairs = memoize_last(tpe._split_observation_pairs)
        tpe._calculate_weights_below_for_multi_objective = memoize_last(
            tpe._calculate_weights_below_for_multi_objective)
        return optuna.samplers.TPESampler(seed=seed, multivariate=name.endswith("-multivariate"))
    if name == "optuna-motpe-deprecated":
        return optuna.samplers.MOTPESampler(seed=seed)
    if name == "optuna-random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise SystemExit("unknown sampler " + name)


def mo(function, name, seeds, trials, first_seed=0):
    """Every trial's objective values (all minimized), with Optuna's defaults for each sampler."""
    import warnings
    warnings.simplefilter("ignore")  # MOTPESampler is experimental and deprecated in 3.1
    objective, objectives = MO_FUNCTIONS[function]
    for seed in range(first_seed, first_seed + seeds):
        study = optuna.create_study(directions=["minimize"] * objectives, sampler=mo_sampler(name, seed))
        values = []
        for _ in range(trials):
            trial = study.ask()
            v = objective(trial)
            study.tell(trial, v)
            values.append(v)
        print(json.dumps({"function": function, "sampler": name, "seed": seed, "values": values}), flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "regret":
        regret(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "overhead":
        overhead(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "lc":
        lc(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "importance":
        importance(sys.argv[2], int(sys.argv[3]))
    elif mode == "mo":
        mo(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]) if len(sys.argv) > 6 else 0)
    else:
        raise SystemExit("usage: optuna_bench.py regret|overhead|lc|importance|mo ...")
