using System;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The first layer's per-input work (span, basis values and derivatives, base function and derivative) for
    /// every row of a batch, one <see cref="InputArrays"/> per <see cref="RowChunks"/> chunk, kept across
    /// evaluations: its inputs are the data, so while the batch, the input normalisation and the first layer's
    /// knots stay the same (every evaluation of a full-batch fit between grid updates) it does not change. A chunk
    /// computes straight into its cached arrays and later passes read them in place (<see cref="LayerBuffers.Use"/>),
    /// so nothing is copied. Validity is checked against copies of what it was built from; the owner invalidates it
    /// when the batch changes. Used only below <see cref="BudgetBytes"/>, so memory stays bounded for large batches
    /// (they recompute the basis each time).
    /// </summary>
    internal sealed class FirstLayerBasisCache
    {
        public const long BudgetBytes = 64L << 20;

        private InputArrays[] _chunks = Array.Empty<InputArrays>();
        private double[]? _knots, _scale, _bias;
        private int[]? _inputIds;
        private BaseFunction _baseFunction;
        private bool _derivatives;
        private bool _valid;

        public static bool Fits(KanNetwork net, int rows) =>
            (long)new RowChunks(rows).ChunkCount * RowChunks.ChunkRows * net.Layers[0].InputCount * (2L * (net.Layers[0].K + 1) + 2) * sizeof(double) <= BudgetBytes;

        public void Invalidate() => _valid = false;

        /// <summary>The cache holds what a pass over <paramref name="net"/> with these derivatives needs.</summary>
        public bool Serves(KanNetwork net, bool derivatives)
        {
            NetworkLayer first = net.Layers[0];
            return _valid && (_derivatives || !derivatives) && _baseFunction == first.BaseFunction &&
                Same(_knots, first.Arrays.Knots) && Same(_scale, net.InputScale) && Same(_bias, net.InputBias) &&
                _inputIds is not null && _inputIds.AsSpan().SequenceEqual(net.InputIds);
        }

        /// <summary>
        /// Prepares to be filled by a pass over <paramref name="rows"/> rows, each chunk computing into
        /// <see cref="Chunk"/>; <see cref="Complete"/> makes it valid.
        /// </summary>
        public void Begin(KanNetwork net, int rows, bool derivatives)
        {
            NetworkLayer first = net.Layers[0];
            int chunks = new RowChunks(rows).ChunkCount;
            _valid = false;
            if (_chunks.Length != chunks || (chunks > 0 && !_chunks[0].Holds(first, RowChunks.ChunkRows)))
            {
                _chunks = new InputArrays[chunks];
                for (int c = 0; c < chunks; c++)
                {
                    _chunks[c] = new InputArrays(first, RowChunks.ChunkRows);
                }
            }

            _knots = (double[])first.Arrays.Knots.Clone();
            _scale = (double[]?)net.InputScale?.Clone();
            _bias = (double[]?)net.InputBias?.Clone();
            _inputIds = (int[])net.InputIds.Clone();
            _baseFunction = first.BaseFunction;
            _derivatives = derivatives;
        }

        public void Complete() => _valid = true;

        /// <summary>Chunk <paramref name="c"/>'s arrays: where a filling pass computes it, and where later passes read it.</summary>
        public InputArrays Chunk(int c) => _chunks[c];

        private static bool Same(double[]? copy, double[]? current) =>
            copy is null ? current is null : current is not null && copy.AsSpan().SequenceEqual(current);
    }
}
