using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// Snapping spline edges to library functions (pykan <c>MultKAN.fix_symbolic</c>, <c>suggest_symbolic</c>,
    /// <c>auto_symbolic</c>). Every fit reads activations computed fresh from the inputs given (never a cache from an
    /// earlier forward pass): x is the edge's layer input, y its numeric post-activation <c>mask*(sb*b(x) + sp*spline(x))</c>
    /// (pykan <c>spline_postacts</c>).
    /// </summary>
    public static class SymbolicRegression
    {
        /// <summary>pykan's r² for an edge whose numeric branch is masked off.</summary>
        public const double MaskedR2 = -1e8;

        /// <summary>
        /// Fits <c>c*f(a*x+b)+d</c> to edge (l, i, j) on <paramref name="inputs"/> (caller columns), sets it as the edge's
        /// symbolic branch and switches the edge to mode "s". Returns pykan's r² (-1e8 if the numeric branch was masked).
        /// </summary>
        public static double FixSymbolic(KanNetwork network, int l, int i, int j, string name, double[,] inputs, SymbolicLibrary? library = null, (double Min, double Max)? aRange = null, (double Min, double Max)? bRange = null)
        {
            LibraryFunction f = (library ?? SymbolicLibrary.Default).Get(name);
            var (x, y, masked) = FiniteEdgeSamples(network, network.GetActivations(inputs), l, i, j);
            AffineFit fit = ParameterFit.FitParams(x, y, f.Value, aRange, bRange);
            Apply(network, l, i, j, f, fit);
            return masked ? MaskedR2 : fit.R2;
        }

        /// <inheritdoc cref="FixSymbolic(KanNetwork, int, int, int, string, double[,], SymbolicLibrary?, ValueTuple{double, double}?, ValueTuple{double, double}?)"/>
        public static double FixSymbolic(KanNetwork network, int l, int i, int j, string name, Dataset dataset, SymbolicLibrary? library = null) =>
            FixSymbolic(network, l, i, j, name, dataset.TrainInputs, library);

        /// <summary>
        /// Ranks library functions for edge (l, i, j) by pykan's score
        /// <c>weightSimple*complexity + (1-weightSimple)*log2(1 + 1e-5 - r2)</c> (lower is better) and returns the best
        /// <paramref name="topK"/>. The network is not changed.
        /// </summary>
        public static IReadOnlyList<SymbolicCandidate> SuggestSymbolic(KanNetwork network, int l, int i, int j, double[,] inputs, IEnumerable<string>? lib = null, int topK = 5, double weightSimple = 0.8, SymbolicLibrary? library = null)
        {
            var (x, y, masked) = FiniteEdgeSamples(network, network.GetActivations(inputs), l, i, j);
            return Rank(x, y, masked, (library ?? SymbolicLibrary.Default).Select(lib), weightSimple).Take(topK).ToList();
        }

        /// <summary>
        /// Snaps every active edge (pykan <c>auto_symbolic</c>): edges already symbolic-only are left alone, edges with
        /// both branches off become the function <c>0</c>, every other edge takes its best-scoring candidate
        /// (as in <c>SuggestSymbolic</c>) if that candidate's r² is at least <paramref name="r2Threshold"/>, and
        /// otherwise stays numeric (as does an edge with no finite activation, which has no candidate). Rows where an
        /// edge's input or output is not finite are left out of its fit. All edges are fitted on the same fresh activations of <paramref name="inputs"/>,
        /// computed once before any edge changes (as pykan, which reads its cached pre-snap activations), so the
        /// edges are independent and are fitted in parallel.
        /// </summary>
        public static IReadOnlyList<EdgeChoice> AutoSymbolic(KanNetwork network, double[,] inputs, IEnumerable<string>? lib = null, double weightSimple = 0.8, double r2Threshold = 0.0, SymbolicLibrary? library = null)
        {
            IReadOnlyList<LibraryFunction> candidates = (library ?? SymbolicLibrary.Default).Select(lib);
            LayerActivations[] acts = network.GetActivations(inputs);
            var edges = new List<(int L, int I, int J)>();
            for (int l = 0; l < network.LayerCount; l++)
            {
                NetworkLayer layer = network.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        edges.Add((l, i, j));
                    }
                }
            }

            var choices = new EdgeChoice[edges.Count];
            Parallel.For(0, edges.Count, k =>
            {
                var (l, i, j) = edges[k];
                NetworkLayer layer = network.Layers[l];
                int e = layer.EdgeIndex(i, j);
                bool numericOn = layer.Mask[e] != 0.0;
                bool symbolicOn = layer.SymbolicMask[e] != 0.0;
                if (!numericOn)
                {
                    choices[k] = new EdgeChoice(l, i, j, symbolicOn ? EdgeAction.AlreadySymbolic : EdgeAction.Zero, null);
                    return;
                }

                var (x, y, masked) = EdgeSamples(network, acts, l, i, j);
                if (x.Length == 0)
                {
                    choices[k] = new EdgeChoice(l, i, j, EdgeAction.KeptNumeric, null);
                    return;
                }

                SymbolicCandidate best = Rank(x, y, masked, candidates, weightSimple).First();
                choices[k] = new EdgeChoice(l, i, j, best.R2 >= r2Threshold ? EdgeAction.Fixed : EdgeAction.KeptNumeric, best);
            });

            // Changing the network is sequential and in edge order, after every fit has read the activations.
            foreach (EdgeChoice c in choices)
            {
                if (c.Action == EdgeAction.Fixed)
                {
                    Apply(network, c.Layer, c.Input, c.Subnode, c.Best!.Function, c.Best.Fit);
                }
                else if (c.Action == EdgeAction.Zero)
                {
                    // pykan fits '0' to the (zero) masked activation: c = d = 0 whatever a and b are.
                    network.SetSymbolic(c.Layer, c.Input, c.Subnode, "0", 1.0, 0.0, 0.0, 0.0);
                    network.SetMode(c.Layer, c.Input, c.Subnode, "s");
                }
            }

            return choices;
        }

        /// <inheritdoc cref="AutoSymbolic(KanNetwork, double[,], IEnumerable{string}?, double, double, SymbolicLibrary?)"/>
        public static IReadOnlyList<EdgeChoice> AutoSymbolic(KanNetwork network, Dataset dataset, IEnumerable<string>? lib = null, double weightSimple = 0.8, double r2Threshold = 0.0, SymbolicLibrary? library = null) =>
            AutoSymbolic(network, dataset.TrainInputs, lib, weightSimple, r2Threshold, library);

        /// <summary>pykan's ranking: stable sort by score, ties keep the library order.</summary>
        private static List<SymbolicCandidate> Rank(double[] x, double[] y, bool masked, IReadOnlyList<LibraryFunction> candidates, double weightSimple)
        {
            var ranked = new List<SymbolicCandidate>(candidates.Count);
            foreach (LibraryFunction f in candidates)
            {
                AffineFit fit = ParameterFit.FitParams(x, y, f.Value);
                double r2 = masked ? MaskedR2 : fit.R2;
                double score = weightSimple * f.Complexity + (1 - weightSimple) * Math.Log(1 + 1e-5 - r2, 2);
                ranked.Add(new SymbolicCandidate(f, fit, r2, score));
            }

            return ranked.Select((c, index) => (c, index)).OrderBy(t => t.c.Score).ThenBy(t => t.index).Select(t => t.c).ToList();
        }

        private static void Apply(KanNetwork network, int l, int i, int j, LibraryFunction f, AffineFit fit)
        {
            network.SetSymbolic(l, i, j, f.Function, fit.A, fit.B, fit.C, fit.D);
            network.SetMode(l, i, j, "s");
        }

        /// <summary>The edge's layer inputs and masked numeric post-activations (pykan <c>acts[l][:, i]</c>, <c>spline_postacts[l][:, j, i]</c>).</summary>
        private static (double[] X, double[] Y, bool Masked) EdgeSamples(KanNetwork network, LayerActivations[] acts, int l, int i, int j)
        {
            if ((uint)l >= (uint)network.LayerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(l), "The network has " + network.LayerCount + " layers.");
            }

            NetworkLayer layer = network.Layers[l];
            if ((uint)i >= (uint)layer.InputCount || (uint)j >= (uint)layer.SubnodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(i), "Layer " + l + " has " + layer.InputCount + " inputs and " + layer.SubnodeCount + " subnodes.");
            }

            double mask = layer.Mask[layer.EdgeIndex(i, j)];
            LayerActivations a = acts[l];
            int rows = a.Inputs.GetLength(0);
            var x = new List<double>(rows);
            var y = new List<double>(rows);
            for (int n = 0; n < rows; n++)
            {
                // A row an earlier symbolic edge made non-finite (log or sqrt outside its domain, a pole) says
                // nothing about this edge's shape: it is left out of the fit rather than spoiling it.
                double xn = a.Inputs[n, i], yn = mask * a.Numeric[n, i, j];
                if (double.IsFinite(xn) && double.IsFinite(yn))
                {
                    x.Add(xn);
                    y.Add(yn);
                }
            }

            return (x.ToArray(), y.ToArray(), mask == 0.0);
        }

        /// <summary><see cref="EdgeSamples"/>, or a clear error when no row gives the edge a finite input and output.</summary>
        private static (double[] X, double[] Y, bool Masked) FiniteEdgeSamples(KanNetwork network, LayerActivations[] acts, int l, int i, int j)
        {
            var samples = EdgeSamples(network, acts, l, i, j);
            if (samples.X.Length == 0)
            {
                throw new NonFiniteActivationsException(l, i, j);
            }

            return samples;
        }
    }
}
