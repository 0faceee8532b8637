"""Writes pykan checkpoints the shared fixtures do not cover into tests/Kan.Runtime.Tests/Fixtures/torch.
Run by hand with pykan and torch (never by tests/CI):
    PYTHONPATH=/path/to/pykan python3 tools/torch_fixtures/make_pykan_fixtures.py tests/Kan.Runtime.Tests/Fixtures/torch

- pykan_pruned_input_f64_*: a [3,3,1] model after prune_input (reads columns 0 and 2); its config holds the SiLU
  module itself as base_fun_name (a !!python/object YAML node), and the checkpoint does not store input_id.
- pykan_lists_f64_*: a [2,3,1] model with per-layer grid=[3,5] and k=[3,2].
Each NAME.samples.json has inputs (random, in and outside the grid) and pykan's float64 outputs.
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
from kan import KAN  # noqa: E402
from kan.utils import create_dataset  # noqa: E402

out = sys.argv[1]
torch.manual_seed(0)


def save(model, name, n_inputs):
    model.saveckpt(os.path.join(out, name))
    os.remove(os.path.join(out, name + "_cache_data"))  # not read by the importer
    x = torch.cat([torch.rand(60, n_inputs) * 2 - 1, torch.rand(20, n_inputs) * 6 - 3])
    with torch.no_grad():
        y = model(x)
    with open(os.path.join(out, name + ".samples.json"), "w") as f:
        json.dump({"note": name, "inputs": x.tolist(), "outputs": y.tolist()}, f)


f = lambda x: torch.exp(torch.sin(torch.pi * x[:, [0]]) + x[:, [2]] ** 2)
dataset = create_dataset(f, n_var=3, train_num=200)
model = KAN(width=[3, 3, 1], grid=3, k=3, seed=1, auto_save=False)
model.fit(dataset, opt="LBFGS", steps=5, lamb=0.01)
pruned = model.prune_input(threshold=0.05)
assert pruned.input_id.tolist() == [0, 2], pruned.input_id
save(pruned, "pykan_pruned_input_f64", 3)

save(KAN(width=[2, 3, 1], grid=[3, 5], k=[3, 2], seed=1, auto_save=False), "pykan_lists_f64", 2)
