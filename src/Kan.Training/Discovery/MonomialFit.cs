using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training.Symbolic;
using MathNet.Numerics.LinearAlgebra;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// The cheap first guess of discovery: a monomial <c>y = C * x1^p1 * ... * xn^pn</c>, the most common shape of
    /// a physical law. When the target and every input keep one sign, least squares of <c>log|y|</c> on the
    /// <c>log|xi|</c> gives the exponents in microseconds; each is snapped to the nearest power the library holds
    /// (or 0), and the result is built as a separable product network <c>[n,[0,1],1]</c> of symbolic power edges,
    /// which the caller retrains and judges on the validation rows like any other candidate. It costs no training
    /// of splines, so a monomial is found in about a second whatever the machine's load.
    /// </summary>
    internal static class MonomialFit
    {
        /// <summary>The library's power functions by exponent.</summary>
        private static readonly (string Name, double Power)[] Powers =
        {
            ("x", 1), ("x^2", 2), ("x^3", 3), ("x^4", 4), ("1/x", -1), ("1/x^2", -2), ("1/x^3", -3), ("1/x^4", -4),
            ("sqrt", 0.5), ("x^1.5", 1.5), ("1/sqrt(x)", -0.5),
        };

        /// <summary>A fitted exponent further than this from every library power (and from 0) means y is no monomial.</summary>
        private const double ExponentTolerance = 0.1;

        /// <summary>
        /// The exponents of the monomial that fits (x, y) in log space, snapped to library powers (null entries:
        /// the variable does not appear), the log-space constant and the sign of C; null when y or an input changes sign or
        /// touches 0, or an exponent matches no power of <paramref name="library"/>.
        /// </summary>
        public static (string?[] Powers, double LogC, double Sign)? Fit(double[,] x, double[] y, IReadOnlyList<LibraryFunction> library)
        {
            int rows = x.GetLength(0), n = x.GetLength(1);
            double sign = Math.Sign(y[0]);
            if (sign == 0 || y.Any(v => !(Math.Sign(v) == sign)))
            {
                return null;
            }

            var lo = new double[n];
            var hi = new double[n];
            var design = Matrix<double>.Build.Dense(rows, n + 1);
            var target = Vector<double>.Build.Dense(rows);
            for (int c = 0; c < n; c++)
            {
                lo[c] = double.PositiveInfinity;
                hi[c] = double.NegativeInfinity;
            }

            for (int r = 0; r < rows; r++)
            {
                design[r, n] = 1.0;
                target[r] = Math.Log(Math.Abs(y[r]));
                for (int c = 0; c < n; c++)
                {
                    lo[c] = Math.Min(lo[c], x[r, c]);
                    hi[c] = Math.Max(hi[c], x[r, c]);
                    design[r, c] = Math.Log(Math.Abs(x[r, c]));
                }
            }

            for (int c = 0; c < n; c++)
            {
                if (!(lo[c] > 0 || hi[c] < 0) || !(hi[c] > lo[c]))
                {
                    return null;
                }
            }

            Vector<double> p;
            try
            {
                p = design.Solve(target);
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                return null;
            }

            var names = new HashSet<string>(library.Select(f => f.Name), StringComparer.Ordinal);
            var powers = new string?[n];
            for (int c = 0; c < n; c++)
            {
                double best = Math.Abs(p[c]);
                string? pick = null;
                foreach (var (name, power) in Powers)
                {
                    if (names.Contains(name) && Math.Abs(p[c] - power) < best && SnapLibrary.IsAdmissible(name, 1.0, 0.0, lo[c], hi[c]))
                    {
                        best = Math.Abs(p[c] - power);
                        pick = name;
                    }
                }

                if (!(best < ExponentTolerance))
                {
                    return null;
                }

                powers[c] = pick;
            }

            if (powers.All(s => s is null) || !double.IsFinite(p[n]))
            {
                return null;
            }

            // log|y| lost the signs: C carries sign(y) over the sign of the powers (odd powers of negative columns).
            double product = 1.0;
            for (int c = 0; c < n; c++)
            {
                product *= powers[c] is { } name ? SymbolicLibrary.Default.Get(name).Value(x[0, c]) : 1.0;
            }

            return (powers, p[n], sign * Math.Sign(product));
        }

        /// <summary>
        /// The separable product network computing <c>sign * exp(logC) * prod(power_i(x_i))</c> on raw columns
        /// (through the input normalisation), standardised as discovery trains: output <c>(y - mean) / std</c>.
        /// </summary>
        public static KanNetwork Build((string?[] Powers, double LogC, double Sign) fit, DiscoveryData data)
        {
            int n = fit.Powers.Length;
            var net = new KanNetwork(new LayerWidth[] { n, new LayerWidth(0, 1), 1 }, new KanNetworkOptions { Grid = 3, MultArity = n });
            net.InputNames = (string[])data.Dataset.InputNames.Clone();
            net.OutputNames = (string[])data.Dataset.OutputNames.Clone();
            net.SetInputNormalization(data.InputScale, data.InputBias);
            NetworkLayer first = net.Layers[0];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    net.SetMode(0, i, j, "none");
                }

                if (fit.Powers[i] is { } power)
                {
                    // The normalised column is s*x + b: the edge's argument (x' - b) / s is the raw column.
                    double s = data.InputScale[i], b = data.InputBias[i];
                    net.SetSymbolic(0, i, i, power, 1.0 / s, -b / s, 1.0, 0.0);
                    net.SetMode(0, i, i, "s");
                }
                else
                {
                    first.Arrays.SubnodeBias[i] = 1.0;
                }
            }

            double scale = fit.Sign * Math.Exp(fit.LogC);
            net.SetSymbolic(1, 0, 0, "x", 1.0, 0.0, scale / data.TargetStd, -data.TargetMean / data.TargetStd);
            net.SetMode(1, 0, 0, "s");
            return net;
        }
    }
}
