"""Export a trained pykan model to the `pykan-dump/1` JSON that `kan import-pykan` reads.

The format is documented in docs/cli.md ("Importing from pykan").
Train in float64 (torch.set_default_dtype(torch.float64)) so the dump holds the exact numbers pykan computes with.

From Python:
    from export_pykan import export
    export(model, "model.json", samples=x_test, note="[2,5,1] on my data")

From the command line, for a checkpoint written by pykan's model.saveckpt(PATH) (input_id is then the identity):
    python tools/export_pykan.py PATH OUT.json [NOTE]

Then: kan import-pykan OUT.json -o model.kan

`kan import-pykan PATH` reads pykan's checkpoints (PATH_config.yml + PATH_state) itself, without Python. This script
is for what a checkpoint does not hold: the input_id of a model after prune_input (pass the column count with
n_inputs=), and pykan's own outputs on sample points to check the import against.
"""
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import torch
import kan

# pykan keeps base_fun_name as the module itself after prune_input (MultKAN(..., base_fun=self.base_fun)).
_BASE_FUN_NAMES = {torch.nn.SiLU: "silu", torch.nn.Identity: "identity"}


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


def _base_fun_name(model):
    """'silu', 'identity' or 'zero', also when pykan holds the module itself rather than its name."""
    name = model.base_fun_name
    if isinstance(name, str):
        return name
    for module_type, text in _BASE_FUN_NAMES.items():
        if isinstance(name, module_type):
            return text
    raise ValueError(f"base function {name!r} has no .kan equivalent; expected silu, identity or zero")


def _plain(value):
    """Tensors, numpy numbers and tuples as the plain lists and numbers JSON holds."""
    if isinstance(value, torch.Tensor):
        return value.tolist()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _per_layer(values):
    """One number when every layer agrees (as pykan writes it), else the per-layer list."""
    values = [int(v) for v in values]
    return values[0] if len(set(values)) == 1 else values


def _finite_rows(x, y):
    """Drops sample rows whose inputs or outputs are not finite (1/x, log, ... edges), with a warning."""
    keep = torch.isfinite(x).all(dim=1) & torch.isfinite(y).all(dim=1)
    dropped = int((~keep).sum())
    if dropped:
        warnings.warn(f"{dropped} of {len(x)} sample rows have non-finite outputs (or inputs) and were left out of the dump")
    return x[keep], y[keep], dropped


def _write_atomically(path, text):
    """Writes `text` to a temporary file beside `path`, then renames it: a failure never leaves a partial file."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the permissions open() would
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


def export(model, path, samples=None, note="", n_inputs=None):
    """Write `model` (a pykan MultKAN) to `path` with pykan's outputs on `samples` ([n, n_inputs] inputs)."""
    input_id = [int(i) for i in model.input_id.tolist()]
    notes = []
    if n_inputs is None:  # pykan does not remember how many columns it read before prune_input
        n_inputs = samples.shape[1] if samples is not None else max(input_id) + 1
        if samples is None and input_id != list(range(len(input_id))):
            notes.append(f"the model reads columns {input_id} after prune_input; the input count was guessed as {n_inputs} "
                         "(pass n_inputs= with the number of columns the model was trained on)")
            warnings.warn(notes[-1])
    # The dictionary pykan's MultKAN.saveckpt writes to *_config.yml, with its values made plain (names, not modules;
    # grid and k per layer as the layers hold them).
    config = {
        "width": _plain(model.width),
        "grid": _per_layer(layer.num for layer in model.act_fun),
        "k": _per_layer(layer.k for layer in model.act_fun),
        "mult_arity": _plain(model.mult_arity),
        "base_fun_name": _base_fun_name(model),
        "symbolic_enabled": model.symbolic_enabled,
        "affine_trainable": model.affine_trainable,
        "grid_eps": model.grid_eps,
        "grid_range": _plain(list(model.grid_range)),
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
    x, y, dropped = _finite_rows(x, y)
    if dropped:
        notes.append(f"{dropped} sample rows with non-finite outputs were left out")
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
    if notes:
        dump["warnings"] = notes
    # NaN/Infinity are not JSON: a non-finite parameter fails here, before anything is written.
    _write_atomically(path, json.dumps(dump, allow_nan=False))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    torch.set_default_dtype(torch.float64)
    export(kan.MultKAN.loadckpt(sys.argv[1]), sys.argv[2], note=sys.argv[3] if len(sys.argv) == 4 else "")
