namespace Kan.Training
{
    /// <summary>
    /// pykan <c>attribute()</c> scores, averaged over output nodes as pykan's <c>node_scores</c>/<c>edge_scores</c>:
    /// <see cref="Nodes"/>[l][n] for l = 0 (inputs) .. LayerCount (outputs), <see cref="Edges"/>[l][i * sub + j] and
    /// <see cref="Subnodes"/>[l][j] per layer.
    /// </summary>
    public sealed class AttributionScores
    {
        public AttributionScores(double[][] nodes, double[][] edges, double[][] subnodes)
        {
            Nodes = nodes;
            Edges = edges;
            Subnodes = subnodes;
        }

        public double[][] Nodes { get; }

        /// <summary>Per layer, [in, sub] like every per-edge array.</summary>
        public double[][] Edges { get; }

        public double[][] Subnodes { get; }

        /// <summary>Input importance (pykan <c>feature_score</c>).</summary>
        public double[] Inputs => Nodes[0];
    }
}
