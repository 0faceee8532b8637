using System.Collections.Immutable;
using System.Linq;

namespace Kan.Interop.Torch
{
    /// <summary>A tensor read from a torch file: its stored dtype, its shape and its elements widened to double, row-major.</summary>
    public sealed class TorchTensor
    {
        public TorchTensor(TorchDType dtype, ImmutableArray<int> shape, ImmutableArray<double> values)
        {
            DType = dtype;
            Shape = shape;
            Values = values;
        }

        /// <summary>The dtype the file stores (the values are always double).</summary>
        public TorchDType DType { get; }

        public ImmutableArray<int> Shape { get; }

        /// <summary>The elements in row-major (C) order, whatever the strides in the file were.</summary>
        public ImmutableArray<double> Values { get; }

        /// <summary>Like torch's <c>Size</c>: <c>[2, 5, 8]</c>.</summary>
        public string ShapeText => "[" + string.Join(", ", Shape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
    }
}
