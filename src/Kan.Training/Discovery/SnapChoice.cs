using System;
using System.Linq;
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
        public double Score => ScoreOf(Function.Complexity, R2);

        /// <summary>pykan's score for a fit of total complexity <paramref name="complexity"/> and R² <paramref name="r2"/>.</summary>
        public static double ScoreOf(int complexity, double r2) => 0.8 * complexity + 0.2 * Math.Log(1 + 1e-5 - Math.Min(r2, 1.0), 2);

        /// <summary>
        /// <paramref name="f"/> fitted to (x, y): pykan's grid search on <paramref name="gridNumber"/>² values of (a, b),
        /// polished by <see cref="AffineRefinement"/>; null when the fit is not finite, leaves f's domain over
        /// [<paramref name="lo"/>, <paramref name="hi"/>] (<see cref="SnapLibrary.IsAdmissible"/>) or explains at most
        /// half of y's variance.
        /// </summary>
        public static SnapChoice? TryFit(LibraryFunction f, double[] x, double[] y, double lo, double hi, int gridNumber, int iterations) =>
            Polish(f, x, y, lo, hi, ParameterFit.FitParams(x, y, f.Value, gridNumber: gridNumber, iterations: iterations));

        /// <summary>As <see cref="TryFit"/>, from the given <paramref name="start"/> instead of a grid search.</summary>
        public static SnapChoice? Polish(LibraryFunction f, double[] x, double[] y, double lo, double hi, AffineFit start)
        {
            AffineFit fit = AffineRefinement.Refine(x, y, f.Value, f.Derivative, start);
            if (!double.IsFinite(fit.A + fit.B + fit.C + fit.D) || !SnapLibrary.IsAdmissible(f.Name, fit.A, fit.B, lo, hi))
            {
                return null;
            }

            double r2 = TrueR2(x, y, f, fit);
            return r2 > 0.5 ? new SnapChoice(f, fit, r2) : null;
        }

        private static double TrueR2(double[] x, double[] y, LibraryFunction f, AffineFit fit)
        {
            double mean = y.Average(), sse = 0, sst = 0;
            for (int n = 0; n < x.Length; n++)
            {
                double p = fit.C * f.Value(fit.A * x[n] + fit.B) + fit.D;
                sse += (p - y[n]) * (p - y[n]);
                sst += (y[n] - mean) * (y[n] - mean);
            }

            double r2 = sst > 0 ? 1 - sse / sst : 0;
            return double.IsNaN(r2) ? 0 : r2;
        }
    }
}
