using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Interop.Torch
{
    /// <summary>A state dict read from a torch file: tensors by name, in the file's order.</summary>
    public sealed class TorchStateDict
    {
        private readonly Dictionary<string, TorchTensor> _byName;

        public TorchStateDict(string fileName, IEnumerable<KeyValuePair<string, TorchTensor>> tensors)
        {
            FileName = fileName;
            Tensors = tensors.ToImmutableArray();
            _byName = new Dictionary<string, TorchTensor>(StringComparer.Ordinal);
            foreach (var kv in Tensors)
            {
                _byName[kv.Key] = kv.Value;
            }
        }

        public string FileName { get; }

        public ImmutableArray<KeyValuePair<string, TorchTensor>> Tensors { get; }

        /// <summary>The dtypes the file stores, for reporting that float32 values were widened.</summary>
        public ImmutableHashSet<TorchDType> DTypes => Tensors.Select(t => t.Value.DType).ToImmutableHashSet();

        /// <summary>
        /// When the file stores narrower floats than double: a sentence saying they were widened exactly and that the
        /// model's own outputs in that precision differ from the double results; otherwise null.
        /// </summary>
        public string? WideningNote()
        {
            var narrow = DTypes.Where(d => d is TorchDType.Float32 or TorchDType.Float16 or TorchDType.BFloat16).OrderBy(d => d).ToList();
            if (narrow.Count == 0)
            {
                return null;
            }

            string types = string.Join(", ", narrow.Select(d => d.ToString().ToLowerInvariant()));
            return "the file stores " + types + " parameters, widened exactly to double; the model's own " + types +
                   " outputs in PyTorch differ from these double results in about the " + (narrow.Contains(TorchDType.Float32) && narrow.Count == 1 ? "7th" : "3rd") + " significant digit";
        }

        public bool TryGet(string name, out TorchTensor tensor) => _byName.TryGetValue(name, out tensor!);

        /// <summary>The tensor <paramref name="name"/>, checked to have <paramref name="shape"/> (-1: any size), as row-major values.</summary>
        public ImmutableArray<double> Values(string name, params int[] shape)
        {
            if (!TryGet(name, out var tensor))
            {
                throw new TorchFormatException(FileName, "the state dict has no tensor '" + name + "'");
            }

            bool match = tensor.Shape.Length == shape.Length && shape.Select((s, d) => s < 0 || s == tensor.Shape[d]).All(b => b);
            if (!match)
            {
                throw new TorchFormatException(FileName, "tensor '" + name + "' has shape " + tensor.ShapeText + ", expected [" +
                                                         string.Join(", ", shape.Select(s => s < 0 ? "*" : s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]");
            }

            return tensor.Values;
        }
    }
}
