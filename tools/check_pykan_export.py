"""Checks `kan export-pykan` output in real pykan (by hand, never in tests/CI).

    PYTHONPATH=/path/to/pykan python3 tools/check_pykan_export.py PREFIX SAMPLES.json [PREFIX SAMPLES.json ...]

For each pair: torch.load reads PREFIX_state, KAN.loadckpt(PREFIX) builds the model (in float64, so the exported
doubles are kept), its forward pass on the samples' inputs is compared with their float64 reference outputs, and a
few LBFGS steps on those samples check that training continues from the loaded model.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
from kan import KAN  # noqa: E402  (after the dtype is set)

worst_all = 0.0
args = sys.argv[1:]
for prefix, samples_path in zip(args[0::2], args[1::2]):
    state = torch.load(prefix + "_state")
    model = KAN.loadckpt(prefix)
    samples = json.load(open(samples_path))
    x = torch.tensor(samples["inputs"], dtype=torch.float64)
    ref = torch.tensor(samples["outputs"], dtype=torch.float64)
    with torch.no_grad():
        y = model(x)
    err = ((y - ref).abs() / ref.abs().clamp(min=1.0)).max().item()
    worst_all = max(worst_all, err)
    data = {"train_input": x, "train_label": ref, "test_input": x, "test_label": ref}
    result = model.fit(data, opt="LBFGS", steps=3, update_grid=False)
    print("%s: %d tensors, loadckpt ok, %d rows, max relative error vs reference %.3g, fit 3 steps: train loss %.3g"
          % (prefix, len(state), len(x), err, result["train_loss"][-1]))
print("torch", torch.__version__, "worst", worst_all)
sys.exit(0 if worst_all <= 1e-12 else 1)
