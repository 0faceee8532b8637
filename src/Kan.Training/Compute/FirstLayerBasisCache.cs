using System;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The first layer's per-input work (span, basis values and derivatives, base function and derivative) for
    /// every row of a batch, in <see cref="LayerBuffers"/>' layouts, kept across evaluations: its inputs are the data, so while the batch, the input
    /// normalisation and the first layer's knots stay the same (every evaluation of a full-batch fit between grid
    /// updates) it does not change. Validity is checked against copies of what it was built from; the owner
    /// invalidates it when the batch changes. Used only below <see cref="BudgetBytes"/>, so memory stays bounded
    /// for large batches (they recompute the basis each time).
    /// </summary>
    internal sealed class FirstLayerBasisCache
    {
        public const long BudgetBytes = 64L << 20;

        private int[] _span = Array.Empty<int>();
        private double[] _basis = Array.Empty<double>(), _dBasis = Array.Empty<double>(), _base = Array.Empty<double>(), _dBase = Array.Empty<double>();
        private double[]? _knots, _scale, _bias;
        private int[]? _inputIds;
        private BaseFunction _baseFunction;
        private bool _derivatives;
        private bool _valid;
        private int _rows;

        public static bool Fits(KanNetwork net, int rows) =>
            (long)rows * net.Layers[0].InputCount * (2L * (net.Layers[0].K + 1) + 2) * sizeof(double) <= BudgetBytes;

        public void Invalidate() => _valid = false;

        /// <summary>The cache holds what a pass over <paramref name="net"/> with these derivatives needs.</summary>
        public bool Serves(KanNetwork net, bool derivatives)
        {
            NetworkLayer first = net.Layers[0];
            return _valid && (_derivatives || !derivatives) && _baseFunction == first.BaseFunction &&
                Same(_knots, first.Arrays.Knots) && Same(_scale, net.InputScale) && Same(_bias, net.InputBias) &&
                _inputIds is not null && _inputIds.AsSpan().SequenceEqual(net.InputIds);
        }

        /// <summary>Prepares to be filled by a pass over <paramref name="rows"/> rows; <see cref="Complete"/> makes it valid.</summary>
        public void Begin(KanNetwork net, int rows, bool derivatives)
        {
            NetworkLayer first = net.Layers[0];
            int ni = rows * first.InputCount, nb = ni * (first.K + 1);
            _valid = false;
            _rows = rows;
            _span = Resize(_span, ni);
            _base = Resize(_base, ni);
            _dBase = Resize(_dBase, ni);
            _basis = Resize(_basis, nb);
            _dBasis = Resize(_dBasis, nb);
            _knots = (double[])first.Arrays.Knots.Clone();
            _scale = (double[]?)net.InputScale?.Clone();
            _bias = (double[]?)net.InputBias?.Clone();
            _inputIds = (int[])net.InputIds.Clone();
            _baseFunction = first.BaseFunction;
            _derivatives = derivatives;
        }

        public void Complete() => _valid = true;

        /// <summary>Copies <paramref name="count"/> rows from chunk row 0 of <paramref name="buf"/> to batch row <paramref name="row"/>.</summary>
        public void Store(LayerBuffers buf, int inputs, int k, int row, int count)
        {
            int nb = count * inputs * (k + 1);
            for (int i = 0; i < inputs; i++)
            {
                Array.Copy(buf.Span, i * buf.Rows, _span, i * _rows + row, count);
                Array.Copy(buf.Base, i * buf.Rows, _base, i * _rows + row, count);
                if (_derivatives)
                {
                    Array.Copy(buf.DBase, i * buf.Rows, _dBase, i * _rows + row, count);
                }
            }

            Array.Copy(buf.Basis, 0, _basis, row * inputs * (k + 1), nb);
            if (_derivatives)
            {
                Array.Copy(buf.DBasis, 0, _dBasis, row * inputs * (k + 1), nb);
            }
        }

        /// <summary>The reverse of <see cref="Store"/>.</summary>
        public void Restore(LayerBuffers buf, int inputs, int k, int row, int count, bool derivatives)
        {
            int nb = count * inputs * (k + 1);
            for (int i = 0; i < inputs; i++)
            {
                Array.Copy(_span, i * _rows + row, buf.Span, i * buf.Rows, count);
                Array.Copy(_base, i * _rows + row, buf.Base, i * buf.Rows, count);
                if (derivatives)
                {
                    Array.Copy(_dBase, i * _rows + row, buf.DBase, i * buf.Rows, count);
                }
            }

            Array.Copy(_basis, row * inputs * (k + 1), buf.Basis, 0, nb);
            if (derivatives)
            {
                Array.Copy(_dBasis, row * inputs * (k + 1), buf.DBasis, 0, nb);
            }
        }

        private static bool Same(double[]? copy, double[]? current) =>
            copy is null ? current is null : current is not null && copy.AsSpan().SequenceEqual(current);

        private static T[] Resize<T>(T[] a, int length) => a.Length == length ? a : new T[length];
    }
}
