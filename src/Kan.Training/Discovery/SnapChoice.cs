using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>A library function fitted to one edge: <c>c*f(a*x+b)+d</c>, its true R², and pykan's ranking score.</summary>
    internal readonly struct SnapChoice
    {
        public SnapChoice(LibraryFunction function, AffineFit fit, double r2)
        {
            Function = function;
            Fit = fit;
            R2 = r2;
        }

        public LibraryFunction Function { get; }

        public AffineFit Fit { get; }

        /// <summary>1 - SSE/SST of the least-squares c, d at the fitted a, b (no offset, unlike the grid search's r²).</summary>
        public double R2 { get; }

        /// <summary>pykan's <c>suggest_symbolic</c> score with weight_simple 0.8: simpler wins unless the fit is clearly worse.</summary>
        public double Score => 0.8 * Function.Complexity + 0.2 * System.Math.Log(1 + 1e-5 - System.Math.Min(R2, 1.0), 2);
    }
}
