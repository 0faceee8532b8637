"""Write the pykan fixtures for non-finite inputs (tests/Kan.Generator.Tests/Fixtures/pykan/nonfinite_*.json).

Kan skips masked-out edges; pykan multiplies them by 0, so a non-finite value on such an edge makes pykan's output
NaN (docs/kan-format.md, "Non-finite values"). This script records, for two small models, pykan's outputs at
non-finite (or overflowing) inputs, and pykan's outputs at finite inputs where nothing overflows, which fix what Kan
must return. Run from the repository root (never run by tests or CI):

    PYTHONPATH=/path/to/pykan python3 tools/pykan_nonfinite_fixtures.py
"""
import json
import sys
from pathlib import Path

import torch
import kan

sys.path.append(str(Path(__file__).resolve().parent))
from export_pykan import export  # noqa: E402

OUT = Path("tests/Kan.Generator.Tests/Fixtures/pykan")


def text(v):
    return "NaN" if v != v else ("Infinity" if v == float("inf") else ("-Infinity" if v == float("-inf") else repr(v)))


def outputs(model, xs):
    with torch.no_grad():
        return model(torch.tensor(xs, dtype=torch.float64)).tolist()


def rows(model, special, finite, kan_override=None):
    """Each special input with pykan's output there and the output Kan must give: pykan's at the matching finite
    input (where no masked edge sees a non-finite value), unless overridden (a value that really is infinite)."""
    result = []
    for n, (x, y, reference) in enumerate(zip(special, outputs(model, special), outputs(model, finite))):
        kan_y = [kan_override[n][o] if kan_override and kan_override[n][o] is not None else v for o, v in enumerate(reference)]
        result.append({"input": [text(v) for v in x], "pykan": [text(v) for v in y], "kan": [text(v) for v in kan_y],
                       "kan_from_pykan_at": [text(v) for v in finite[n]]})
    return result


def pruned_input():
    """[2,3,1] with every edge of input x2 masked off (what pykan's prune leaves for an unused input)."""
    torch.manual_seed(0)
    model = kan.MultKAN(width=[2, 3, 1], grid=5, k=3, seed=0, auto_save=False, device="cpu")
    model.act_fun[0].mask.data[1, :] = 0.0
    export(model, OUT / "nonfinite_pruned.json", note="[2,3,1] G=5 k=3 seed 0, untrained, every edge of x2 masked (act_fun[0].mask[1,:] = 0)")
    # x2 feeds nothing, so Kan's value at any x2 is pykan's value at x2 = 0.
    return rows(model, [[0.3, float("inf")], [-0.7, float("-inf")], [0.5, float("nan")], [0.3, 1e308]],
                [[0.3, 0.0], [-0.7, 0.0], [0.5, 0.0], [0.3, 0.0]])


def symbolic():
    """[1,1,2] snapped: exp on layer 0, then tanh and x on layer 1 (numeric branches masked off by fix_symbolic)."""
    torch.manual_seed(0)
    model = kan.MultKAN(width=[1, 1, 2], grid=3, k=3, seed=0, auto_save=False, device="cpu")
    model.fix_symbolic(0, 0, 0, "exp", fit_params_bool=False, verbose=False)
    model.fix_symbolic(1, 0, 0, "tanh", fit_params_bool=False, verbose=False)
    model.fix_symbolic(1, 0, 1, "x", fit_params_bool=False, verbose=False)
    model.symbolic_fun[0].affine.data[0, 0] = torch.tensor([0.75, 0.5, 1.25, -0.25])
    model.symbolic_fun[1].affine.data[0, 0] = torch.tensor([0.5, -1.0, 2.0, 0.125])
    model.symbolic_fun[1].affine.data[1, 0] = torch.tensor([1.0, 0.0, 0.5, 0.0])
    export(model, OUT / "nonfinite_symbolic.json", note="[1,1,2] snapped: exp, then tanh and x; numeric branches masked", n_inputs=1)
    # At x = 1000, exp overflows to inf: pykan's masked numeric branch and its zero symbolic functions give 0 * inf.
    # At x = 40 nothing overflows (exp(30.5) ~ 1.8e13) and tanh has saturated to exactly 1, as it has at x = 1000,
    # so the tanh output is pykan's there; the x output really is 0.5 * inf.
    inf = float("inf")
    return rows(model, [[1000.0], [inf]], [[40.0], [40.0]], kan_override=[[None, inf], [None, inf]])


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    expected = {
        "note": "pykan's outputs at special inputs (NaN where a masked edge meets a non-finite value) and the outputs "
                "Kan must give there, taken from pykan at a finite input; written by tools/pykan_nonfinite_fixtures.py",
        "nonfinite_pruned": pruned_input(),
        "nonfinite_symbolic": symbolic(),
    }
    (OUT / "nonfinite_expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(json.dumps(expected, indent=1))
