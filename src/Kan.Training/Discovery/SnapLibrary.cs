using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// The functions discovery snaps edges to, and where each may be used: a candidate <c>c*f(a*x+b)+d</c> is
    /// admissible only when <c>a*x+b</c> stays inside f's domain, away from its poles, over the edge's input range
    /// widened by <see cref="RangeMargin"/> on each side, so the snapped network is finite on every row near the
    /// data (pykan's <c>singularity_avoiding</c> solves the same problem by clipping; here the pole is kept out).
    /// </summary>
    public static class SnapLibrary
    {
        /// <summary>Share of the input range added on each side before checking the domain.</summary>
        public const double RangeMargin = 0.05;

        /// <summary>pykan's SYMBOLIC_LIB without duplicates (x^0.5, 1/x^0.5), the high powers and the discontinuous sgn/abs.</summary>
        public static readonly IReadOnlyList<string> DefaultNames = new[]
        {
            "x", "x^2", "x^3", "x^4", "1/x", "1/x^2", "1/x^3", "sqrt", "x^1.5", "1/sqrt(x)", "exp", "log",
            "sin", "cos", "tan", "tanh", "arcsin", "arccos", "arctan", "arctanh", "gaussian",
        };

        /// <summary>True when <c>a*x+b</c> for x in [lo, hi] (widened) stays where <paramref name="function"/> is finite and smooth.</summary>
        public static bool IsAdmissible(string function, double a, double b, double lo, double hi)
        {
            double margin = (hi - lo) * RangeMargin;
            double u1 = a * (lo - margin) + b, u2 = a * (hi + margin) + b;
            double uMin = Math.Min(u1, u2), uMax = Math.Max(u1, u2);
            double scale = Math.Max(Math.Abs(uMin), Math.Abs(uMax));
            switch (function)
            {
                case "sqrt":
                case "x^0.5":
                case "x^1.5":
                case "log":
                case "1/sqrt(x)":
                case "1/x^0.5":
                    return uMin > 1e-3 * scale;
                case "1/x":
                case "1/x^2":
                case "1/x^3":
                case "1/x^4":
                case "1/x^5":
                    return uMin > 1e-3 * scale || uMax < -1e-3 * scale;
                case "arcsin":
                case "arccos":
                case "arctanh":
                    return uMin > -0.999 && uMax < 0.999;
                case "tan":
                    return uMin > -1.5 && uMax < 1.5;
                case "exp":
                    return uMax < 50;
                default:
                    return true;
            }
        }

        /// <summary>The library entries for <paramref name="names"/> (null: <see cref="DefaultNames"/>), with unknown names rejected.</summary>
        public static IReadOnlyList<LibraryFunction> Resolve(IReadOnlyList<string>? names)
        {
            IReadOnlyList<string> chosen = names ?? DefaultNames;
            if (chosen.Count == 0)
            {
                throw new ArgumentException("The symbolic library is empty.");
            }

            return chosen.Distinct(StringComparer.Ordinal).Select(n => SymbolicLibrary.Default.Get(n)).ToList();
        }
    }
}
