"""Fixture for tests/Kan.Training.Tests/Pruning: pykan's prune() on [3,[1,1],1] trained on x*y + sin(z).

Writes prune_mult_before.json (the trained model, its samples = the 1000 training inputs prune() is scored on)
and prune_mult_after.json (pykan's pruned model, its samples = 1000 fresh test rows, with the labels in the note).
Run: PYTHONPATH=/work/pykan:tools python3 tools/make_prune_mult_fixture.py OUTDIR
"""
import json
import sys

import torch
from kan import KAN, create_dataset
from export_pykan import export

torch.set_default_dtype(torch.float64)
out = sys.argv[1]
f = lambda x: x[:, [0]] * x[:, [1]] + torch.sin(x[:, [2]])
ds = create_dataset(f, n_var=3, train_num=1000, test_num=1000, seed=0)
model = KAN(width=[3, [1, 1], 1], seed=0, auto_save=False, ckpt_path=out + "/ckpt")
model.fit(ds, steps=50, lamb=1e-3)
rmse = lambda m: torch.sqrt(torch.mean((m(ds["test_input"]) - ds["test_label"]) ** 2)).item()
before = rmse(model)
export(model, out + "/prune_mult_before.json", samples=ds["train_input"],
       note=f"[3,[1,1],1] seed 0, 50 LBFGS steps lamb=1e-3 on x*y+sin(z); samples are the training inputs; test_rmse={before!r}")
model.get_act(ds["train_input"])  # score prune() on the training inputs (pykan would otherwise use the last forward: the test rows)
pruned = model.prune()
after = rmse(pruned)
export(pruned, out + "/prune_mult_after.json", samples=ds["test_input"],
       note=f"pykan prune() of prune_mult_before.json; width={pruned.width}; samples are test inputs; test_rmse={after!r}")
with open(out + "/prune_mult_test_labels.json", "w") as fh:
    json.dump({"labels": ds["test_label"].reshape(-1).tolist(), "test_rmse_before": before, "test_rmse_after": after}, fh)
print("before", before, "after", after, "width", pruned.width)
