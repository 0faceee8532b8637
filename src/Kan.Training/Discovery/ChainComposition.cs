using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Snaps a chain of two edges as one composition. In a chain (edge (l-1, i0, i) the only input of node i, edge
    /// (l, i, j) its only output) training splits the composed function between the two edges in any way it likes,
    /// so <c>1/sqrt(1 - v^2)</c> can arrive as two splines that match no library function one by one. The chain's
    /// end-to-end samples are fitted instead by <c>g(a2*f(a*x+b)+b2)</c> over pairs of library functions, the inner
    /// argument being the raw input column (for first-layer edges: physics formulas are written in the measured
    /// variables) or the edge's own input; the identity as inner function makes the single-function fit one of the
    /// candidates, so pykan's score (simplicity against R²) decides between one function and two.
    /// </summary>
    internal static class ChainComposition
    {
        /// <summary>Rows, grid and grid iterations of the cheap screening fit of every pair of functions.</summary>
        private const int ScreenRows = 64;
        private const int ScreenGrid = 11;
        private const int ScreenIterations = 1;

        /// <summary>Pairs polished on all rows after the screening (the snapper tries only the first few anyway).</summary>
        private const int Polished = 24;

        /// <summary>
        /// The inner edge of the chain that ends in numeric edge (l, i, j), or null when (l, i, j) is not the only
        /// active output of its input node, that node (a sum node) has other active inputs, or its input edge is symbolic.
        /// </summary>
        public static (int L, int I, int J)? InnerEdge(KanNetwork network, int l, int i, int j)
        {
            if (l == 0)
            {
                return null;
            }

            NetworkLayer outer = network.Layers[l];
            for (int k = 0; k < outer.SubnodeCount; k++)
            {
                if (k != j && Active(outer, i, k))
                {
                    return null;
                }
            }

            NetworkLayer inner = network.Layers[l - 1];
            if (i >= inner.SumCount)
            {
                return null;
            }

            (int, int, int)? found = null;
            for (int i0 = 0; i0 < inner.InputCount; i0++)
            {
                if (Active(inner, i0, i))
                {
                    if (found is not null || inner.SymbolicMask[inner.EdgeIndex(i0, i)] != 0.0)
                    {
                        return null;
                    }

                    found = (l - 1, i0, i);
                }
            }

            return found;
        }

        /// <summary>
        /// Every admissible composition fitted to the chain's samples (x: the inner edge's input, y: the outer edge's
        /// output), best pykan score first. <paramref name="innerMaps"/> are the affine maps tried inside the inner
        /// function (x itself, and for first-layer edges the raw input column). Single functions (identity inner)
        /// get the full fit of <paramref name="gridNumber"/>; the pairs are screened by a coarse fit on a few rows
        /// and only the <see cref="Polished"/> most accurate are polished on all rows, which keeps a chain's cost near that
        /// of a few edges.
        /// </summary>
        public static List<ChainChoice> Rank(double[] x, double[] y, IReadOnlyList<LibraryFunction> library, IReadOnlyList<(double A, double B)> innerMaps, int gridNumber)
        {
            LibraryFunction identity = SymbolicLibrary.Default.Get("x");
            double lo = x.Min(), hi = x.Max();
            var choices = new List<ChainChoice>();
            foreach (LibraryFunction g in library)
            {
                if (SnapChoice.TryFit(g, x, y, lo, hi, gridNumber, iterations: 3) is { } single)
                {
                    choices.Add(new ChainChoice(identity, 1.0, 0.0, single));
                }
            }

            int rows = Math.Min(ScreenRows, x.Length);
            double[] screenY = y.Take(rows).ToArray();
            var screened = new List<(ChainChoice Choice, double[] U, double P, double Q)>();
            foreach (LibraryFunction f in library.Where(f => f.Name != identity.Name))
            {
                foreach (var (a, b) in innerMaps)
                {
                    if (!SnapLibrary.IsAdmissible(f.Name, a, b, lo, hi))
                    {
                        continue;
                    }

                    double[] inner = Array.ConvertAll(x, v => f.Value(a * v + b));
                    double uLo = inner.Min(), uHi = inner.Max();
                    if (!double.IsFinite(uLo) || !double.IsFinite(uHi) || !(uHi - uLo > 1e-9 * Math.Max(1.0, Math.Abs(uHi))))
                    {
                        continue;
                    }

                    // The outer fit runs on u mapped onto [-1, 1], where pykan's (a, b) grid has the right scale
                    // (exp(x) on [1, 4] spans 3 to 55); the fit is mapped back to u when it is polished.
                    double p = 2 / (uHi - uLo), q = -(uHi + uLo) / (uHi - uLo);
                    inner = Array.ConvertAll(inner, v => p * v + q);
                    uLo = -1;
                    uHi = 1;

                    double[] screenU = inner.Take(rows).ToArray();
                    foreach (LibraryFunction g in library)
                    {
                        if (SnapChoice.TryFit(g, screenU, screenY, uLo, uHi, ScreenGrid, ScreenIterations) is { } outer)
                        {
                            screened.Add((new ChainChoice(f, a, b, outer), inner, p, q));
                        }
                    }
                }
            }

            foreach (var (choice, inner, p, q) in screened.Select((t, k) => (t, k)).OrderByDescending(t => t.t.Choice.R2).ThenBy(t => t.k).Take(Polished).Select(t => t.t))
            {
                if (SnapChoice.Polish(choice.Outer.Function, inner, y, -1, 1, choice.Outer.Fit) is { } outer)
                {
                    AffineFit f = outer.Fit;
                    var unscaled = new SnapChoice(outer.Function, new AffineFit(f.A * p, f.A * q + f.B, f.C, f.D, f.R2), outer.R2);
                    choices.Add(new ChainChoice(choice.Inner, choice.InnerA, choice.InnerB, unscaled));
                }
            }

            return choices.Select((c, k) => (c, k)).OrderBy(t => t.c.Score).ThenBy(t => t.k).Select(t => t.c).ToList();
        }

        /// <summary>
        /// Sets the chain to the composition: the inner edge outputs exactly <c>f(a*x+b)</c> at the next layer's
        /// input (its c, d undo the node's affine), the outer edge <c>c*g(a2*u+b2)+d</c>. False when the node's
        /// affine is degenerate.
        /// </summary>
        public static bool Apply(KanNetwork network, (int L, int I, int J) inner, (int L, int I, int J) outer, ChainChoice choice)
        {
            NetworkLayer layer = network.Layers[inner.L];
            int node = inner.J;
            double alpha = layer.NodeScale[node] * layer.SubnodeScale[node];
            double beta = layer.NodeScale[node] * layer.SubnodeBias[node] + layer.NodeBias[node];
            if (!(Math.Abs(alpha) > 1e-12))
            {
                return false;
            }

            network.SetSymbolic(inner.L, inner.I, inner.J, choice.Inner.Function, choice.InnerA, choice.InnerB, 1.0 / alpha, -beta / alpha);
            network.SetMode(inner.L, inner.I, inner.J, "s");
            AffineFit fit = choice.Outer.Fit;
            network.SetSymbolic(outer.L, outer.I, outer.J, choice.Outer.Function.Function, fit.A, fit.B, fit.C, fit.D);
            network.SetMode(outer.L, outer.I, outer.J, "s");
            return true;
        }

        private static bool Active(NetworkLayer layer, int i, int j)
        {
            int e = layer.EdgeIndex(i, j);
            return layer.Mask[e] != 0.0 || layer.SymbolicMask[e] != 0.0;
        }
    }
}
