namespace Kan.Training.Compute
{
    /// <summary>
    /// A forward pass that keeps every layer's activations for the whole batch (pykan's <c>acts</c>,
    /// <c>spline_postacts</c>, ... after <c>forward</c>), for the code that reads them afterwards: activations,
    /// attribution, grid updates from samples. Training does not use it: <see cref="TrainingObjective"/> streams
    /// the rows through chunk-sized buffers instead. Rows are processed in <see cref="RowChunks"/> segments, in
    /// parallel when the batch is big enough; each row's values do not depend on the partition.
    /// </summary>
    internal sealed class BatchPass
    {
        private readonly KanNetwork _net;
        private readonly ComputeOptions _compute;

        public BatchPass(KanNetwork net, int rows)
            : this(net, rows, ComputeOptions.Default)
        {
        }

        public BatchPass(KanNetwork net, int rows, ComputeOptions compute)
        {
            _net = net;
            _compute = compute;
            Rows = rows;
            Layers = new LayerBuffers[net.LayerCount];
            for (int l = 0; l < Layers.Length; l++)
            {
                Layers[l] = new LayerBuffers(net.Layers[l], rows);
            }

            Output = new double[rows * net.OutputCount];
        }

        public int Rows { get; }

        public LayerBuffers[] Layers { get; }

        /// <summary>Network outputs [rows, out].</summary>
        public double[] Output { get; }

        /// <summary>
        /// Runs the forward pass on raw caller rows (<paramref name="inputs"/> is rows x caller columns): input
        /// normalisation, input-id selection, then every layer, keeping every activation.
        /// </summary>
        public void Forward(double[] inputs, bool symbolicEnabled, bool derivatives)
        {
            LayerKnots[] knots = LayerKnots.Build(_net);
            var mode = new ForwardMode(derivatives, symbolicEnabled, keepActivations: true);
            var chunks = new RowChunks(Rows);
            chunks.ForEachSegment(_compute, RowChunks.WorkPerRow(_net), s =>
            {
                (int firstChunk, int endChunk) = chunks.Segment(s);
                int from = chunks.Start(firstChunk);
                int to = endChunk == chunks.ChunkCount ? Rows : chunks.Start(endChunk);
                NetworkForward.LoadInputs(_net, inputs, from, Layers[0], from, to - from);
                NetworkForward.Layers(_net, knots, Layers, Output, from, to, mode, firstBasisReady: false, _compute.Vectors);
            });
        }
    }
}
