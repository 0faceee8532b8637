namespace Kan.Interop.Torch
{
    /// <summary>What an allowlisted global is to the reader.</summary>
    internal enum TorchGlobal
    {
        OrderedDict,
        RebuildTensor,
        RebuildTensorV2,
        RebuildParameter,
        RebuildParameterWithState,
        StorageClass,
    }

    /// <summary>
    /// The allowlist: the only globals a state dict needs. A pickle can name any Python callable (<c>os.system</c>,
    /// <c>builtins.eval</c>, a model class) and a real unpickler would import and call it; this reader accepts these
    /// names and nothing else, and interprets them itself.
    /// </summary>
    internal static class TorchGlobals
    {
        public static PyGlobal? Resolve(string module, string name)
        {
            switch (module + "." + name)
            {
                case "collections.OrderedDict":
                    return new PyGlobal(module, name, TorchGlobal.OrderedDict);
                case "torch._utils._rebuild_tensor":
                    return new PyGlobal(module, name, TorchGlobal.RebuildTensor);
                case "torch._utils._rebuild_tensor_v2":
                    return new PyGlobal(module, name, TorchGlobal.RebuildTensorV2);
                case "torch._utils._rebuild_parameter":
                    return new PyGlobal(module, name, TorchGlobal.RebuildParameter);
                case "torch._utils._rebuild_parameter_with_state":
                    return new PyGlobal(module, name, TorchGlobal.RebuildParameterWithState);
            }

            return module == "torch" && TorchDTypes.FromStorageClass(name) is TorchDType dtype
                ? new PyGlobal(module, name, TorchGlobal.StorageClass, dtype)
                : null;
        }
    }
}
