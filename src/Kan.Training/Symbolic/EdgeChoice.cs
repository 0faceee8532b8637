namespace Kan.Training.Symbolic
{
    /// <summary>What <c>SymbolicRegression.AutoSymbolic</c> did with one edge.</summary>
    public enum EdgeAction
    {
        /// <summary>Already symbolic only (numeric mask 0, symbolic mask non-zero): left alone.</summary>
        AlreadySymbolic,

        /// <summary>Both branches off: fixed to the function <c>0</c>, as pykan does.</summary>
        Zero,

        /// <summary>Snapped to the best candidate.</summary>
        Fixed,

        /// <summary>
        /// The best candidate's r² was below the threshold, or no row gave the edge a finite activation (no
        /// candidate): the edge stays numeric.
        /// </summary>
        KeptNumeric,
    }

    /// <summary>One edge's outcome in <c>SymbolicRegression.AutoSymbolic</c>.</summary>
    public sealed class EdgeChoice
    {
        public EdgeChoice(int layer, int input, int subnode, EdgeAction action, SymbolicCandidate? best)
        {
            Layer = layer;
            Input = input;
            Subnode = subnode;
            Action = action;
            Best = best;
        }

        public int Layer { get; }

        public int Input { get; }

        public int Subnode { get; }

        public EdgeAction Action { get; }

        /// <summary>
        /// The best-scoring candidate (null for <see cref="EdgeAction.AlreadySymbolic"/>, <see cref="EdgeAction.Zero"/>,
        /// and a <see cref="EdgeAction.KeptNumeric"/> edge without a finite activation).
        /// </summary>
        public SymbolicCandidate? Best { get; }

        public override string ToString() => "(" + Layer + "," + Input + "," + Subnode + ") " + Action + (Best is null ? "" : " " + Best);
    }
}
