using System.Collections.Generic;

namespace Kan.Interop.Torch
{
    // The Python values the pickle machine builds. Only data: nothing here can run code, and a global is just a
    // name that passed the allowlist (TorchGlobals) and is interpreted by the machine, never looked up or invoked.

    /// <summary>Python's <c>None</c>.</summary>
    internal sealed class PyNone
    {
        public static readonly PyNone Value = new PyNone();

        private PyNone()
        {
        }

        public override string ToString() => "None";
    }

    /// <summary>A Python tuple.</summary>
    internal sealed class PyTuple
    {
        public PyTuple(object[] items)
        {
            Items = items;
        }

        public object[] Items { get; }
    }

    /// <summary>A Python dict or <c>OrderedDict</c>: string or integer keys, insertion order kept.</summary>
    internal sealed class PyDict
    {
        private readonly Dictionary<object, int> _index = new Dictionary<object, int>();

        public List<KeyValuePair<object, object>> Items { get; } = new List<KeyValuePair<object, object>>();

        public void Set(object key, object value)
        {
            if (_index.TryGetValue(key, out int at))
            {
                Items[at] = new KeyValuePair<object, object>(key, value);
            }
            else
            {
                _index[key] = Items.Count;
                Items.Add(new KeyValuePair<object, object>(key, value));
            }
        }
    }

    /// <summary>An allowlisted global (<c>module.name</c>) and what it means to the reader.</summary>
    internal sealed class PyGlobal
    {
        public PyGlobal(string module, string name, TorchGlobal kind, TorchDType storageType = default)
        {
            Module = module;
            Name = name;
            Kind = kind;
            StorageType = storageType;
        }

        public string Module { get; }

        public string Name { get; }

        public TorchGlobal Kind { get; }

        /// <summary>The element type, for <see cref="TorchGlobal.StorageClass"/>.</summary>
        public TorchDType StorageType { get; }

        public override string ToString() => Module + "." + Name;
    }

    /// <summary>A storage named by a persistent id: <c>('storage', torch.XStorage, key, location, numel)</c>.</summary>
    internal sealed class StorageRef
    {
        public StorageRef(TorchDType dtype, string key, long elementCount, byte[] bytes)
        {
            DType = dtype;
            Key = key;
            ElementCount = elementCount;
            Bytes = bytes;
        }

        public TorchDType DType { get; }

        public string Key { get; }

        public long ElementCount { get; }

        public byte[] Bytes { get; }
    }
}
