"""Export a trained pykan model to the `pykan-dump/1` JSON that `kan import-pykan` reads.

The format is documented in docs/cli.md ("Importing from pykan").
Train in float64 (torch.set_default_dtype(torch.float64)) so the dump holds the exact numbers pykan computes with.

From Python:
    from export_pykan import export
    export(model, "model.json", samples=x_test, note="[2,5,1] on my data")

From the command line, for a checkpoint written by pykan's model.saveckpt(PATH) (input_id is then the identity):
    python tools/export_pykan.py PATH OUT.json [NOTE]

Then: kan import-pykan OUT.json -o model.kan
"""
import json
import subprocess
import sys
from pathlib import Path

import torch
import kan


def _commit():
    """The pykan git commit if pykan is a source checkout, else its installed version."""
    try:
        root = Path(kan.__file__).resolve().parent
        return subprocess.check_output(["git", "-C", str(root), "rev-parse", "HEAD"], text=True, stderr=subprocess.DEVNULL).strip()
    except Exception:
        return getattr(kan, "__version__", "unknown")


def _default_samples(model, n_inputs):
    """Random points in grid_range, every first-layer knot (other columns 0), and points far outside the grid."""
    lo, hi = model.grid_range
    grid = model.act_fun[0].grid  # in the model's dtype, so knot samples sit exactly on the knots
    rows = [torch.rand(64, n_inputs, dtype=grid.dtype) * (hi - lo) + lo]
    for i, column in enumerate(model.input_id.tolist()):
        knots = torch.zeros(grid.shape[1], n_inputs, dtype=grid.dtype)
        knots[:, column] = grid[i]
        rows.append(knots)
    rows.append(torch.full((2, n_inputs), 3.0, dtype=grid.dtype) * torch.tensor([[1.0], [-1.0]], dtype=grid.dtype))
    return torch.cat(rows)


def export(model, path, samples=None, note="", n_inputs=None):
    """Write `model` (a pykan MultKAN) to `path` with pykan's outputs on `samples` ([n, n_inputs] inputs)."""
    input_id = [int(i) for i in model.input_id.tolist()]
    if n_inputs is None:  # pykan does not remember how many columns it read before prune_input
        n_inputs = samples.shape[1] if samples is not None else max(input_id) + 1
    # Exactly the dictionary pykan's MultKAN.saveckpt writes to *_config.yml.
    config = {
        "width": model.width,
        "grid": model.grid,
        "k": model.k,
        "mult_arity": model.mult_arity,
        "base_fun_name": model.base_fun_name,
        "symbolic_enabled": model.symbolic_enabled,
        "affine_trainable": model.affine_trainable,
        "grid_eps": model.grid_eps,
        "grid_range": list(model.grid_range),
        "sp_trainable": model.sp_trainable,
        "sb_trainable": model.sb_trainable,
        "state_id": model.state_id,
        "auto_save": model.auto_save,
        "ckpt_path": model.ckpt_path,
        "round": model.round,
        "device": str(model.device),
    }
    for l in range(model.depth):
        config[f"symbolic.funs_name.{l}"] = model.symbolic_fun[l].funs_name
    x = (_default_samples(model, n_inputs) if samples is None else torch.as_tensor(samples)).to(next(model.parameters()).dtype)
    with torch.no_grad():
        y = model(x)
    dump = {
        "format": "pykan-dump/1",
        "note": note,
        "pykan_commit": _commit(),
        "torch_version": torch.__version__,
        "config": config,
        "input_id": input_id,
        "n_inputs_original": int(n_inputs),
        "state_dict": {name: {"shape": list(t.shape), "data": t.detach().cpu().double().reshape(-1).tolist()}
                       for name, t in model.state_dict().items()},
        "samples": {"inputs": x.double().tolist(), "outputs": y.double().tolist()},
    }
    with open(path, "w") as f:
        json.dump(dump, f, allow_nan=False)  # NaN/Infinity are not JSON; fail here rather than in the importer


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    torch.set_default_dtype(torch.float64)
    export(kan.MultKAN.loadckpt(sys.argv[1]), sys.argv[2], note=sys.argv[3] if len(sys.argv) == 4 else "")
