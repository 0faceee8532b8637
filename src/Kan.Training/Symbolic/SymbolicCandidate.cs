namespace Kan.Training.Symbolic
{
    /// <summary>One ranked suggestion for an edge (pykan <c>suggest_symbolic</c>): lower <see cref="Score"/> is better.</summary>
    public sealed class SymbolicCandidate
    {
        public SymbolicCandidate(LibraryFunction function, AffineFit fit, double r2, double score)
        {
            Function = function;
            Fit = fit;
            R2 = r2;
            Score = score;
        }

        public LibraryFunction Function { get; }

        public string Name => Function.Name;

        public int Complexity => Function.Complexity;

        /// <summary>The fitted affine <c>c*f(a*x+b)+d</c>.</summary>
        public AffineFit Fit { get; }

        /// <summary>pykan's r² of the fit; -1e8 when the edge's numeric branch is masked off.</summary>
        public double R2 { get; }

        /// <summary><c>weightSimple*complexity + (1-weightSimple)*log2(1 + 1e-5 - r2)</c>.</summary>
        public double Score { get; }

        public override string ToString() => Name + " r2=" + R2 + " c=" + Complexity + " score=" + Score;
    }
}
