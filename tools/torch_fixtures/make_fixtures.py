"""Writes the torch reader's own fixtures into tests/Kan.Runtime.Tests/Fixtures/torch (the pykan and efficient-kan
files there come from ../shared/fixtures/torch). Run by hand with torch installed (never by tests/CI):
    python3 tools/torch_fixtures/make_fixtures.py tests/Kan.Runtime.Tests/Fixtures/torch

- dtypes_p2..p5.pt: the same OrderedDict of tensors saved with pickle protocols 2 to 5: each dtype the reader
  supports, a strided view with an offset, a transposed view, an empty tensor, a scalar and a Parameter;
  dtypes.json has their values as float64 lists.
- legacy_format.pt: a state dict in the pre-1.6 format (_use_new_zipfile_serialization=False), which is refused.
- torchscript.pt: torch.jit.save of a module (code inside), which is refused.
"""
import collections
import json
import os
import sys

import torch

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
base = torch.arange(24, dtype=torch.float64).reshape(4, 6) / 7.0 - 1.5
sd = collections.OrderedDict()
sd["f64"] = base.clone()
sd["f32"] = base.float()
sd["f16"] = base.half()
sd["bf16"] = base.bfloat16()
sd["i64"] = (base * 7).round().long() * 1000000000001
sd["i32"] = (base * 7).round().int()
sd["i16"] = (base * 7).round().short()
sd["i8"] = (base * 7).round().char()
sd["u8"] = (base * 7 + 20).round().byte()
sd["bool"] = base > 0
sd["view_offset"] = base[1:3, 2:5]           # offset 8, strides (6, 1)
sd["view_transposed"] = base.t()             # strides (1, 6)
sd["view_step"] = base[::2, ::3]             # strides (12, 3)
sd["empty"] = torch.zeros(0, 3, dtype=torch.float64)
sd["scalar"] = torch.tensor(2.5, dtype=torch.float64)
sd["param"] = torch.nn.Parameter(base.clone()[0])
expected = collections.OrderedDict(
    (k, {"shape": list(v.shape), "values": v.detach().double().reshape(-1).tolist()}) for k, v in sd.items())
for protocol in (2, 3, 4, 5):
    torch.save(sd, os.path.join(out, "dtypes_p%d.pt" % protocol), pickle_protocol=protocol)
with open(os.path.join(out, "dtypes.json"), "w") as f:
    json.dump({"torch_version": torch.__version__, "tensors": expected}, f, indent=1)
torch.save(collections.OrderedDict(w=torch.arange(3, dtype=torch.float64)), os.path.join(out, "legacy_format.pt"),
           _use_new_zipfile_serialization=False)
torch.jit.save(torch.jit.script(torch.nn.Linear(2, 1)), os.path.join(out, "torchscript.pt"))
print("torch", torch.__version__)
