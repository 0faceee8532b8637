using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Snaps a trained network's spline edges to library functions one edge at a time, each choice judged by the
    /// whole network: a candidate is set on the edge, the network is retrained briefly, and the candidate is kept only
    /// if the validation RMSE stays within <see cref="WorseningFactor"/> of what it was before. Candidates come from
    /// pykan's ranking (fit_params, then simplicity against R²) restricted to those whose argument stays inside the
    /// function's domain (<see cref="SnapLibrary.IsAdmissible"/>). A signal-carrying edge is never snapped to 0 (0 is
    /// not a candidate: edges without signal are masked by pruning before). A retrain that diverges is undone.
    /// A chain of two edges is first tried as one composition (<see cref="ChainComposition"/>).
    /// </summary>
    internal sealed class GuardedSnapping
    {
        /// <summary>A snap may raise the validation RMSE at most this much (plus <see cref="AbsoluteSlack"/>).</summary>
        public const double WorseningFactor = 4.0;

        /// <summary>A simpler candidate wins over the most accurate one when its validation RMSE is within this factor.</summary>
        private const double CloseToBest = 1.5;

        /// <summary>Standardised units: differences below this are noise in the last digits.</summary>
        public const double AbsoluteSlack = 1e-6;

        private const int CandidatesPerEdge = 4;
        private const int RankGrid = 41;
        private const int FitRows = 256;
        private const int ShortRetrainSteps = 10;

        private readonly DiscoveryData _data;
        private readonly IReadOnlyList<LibraryFunction> _library;
        private readonly Action<string> _log;
        private readonly CancellationToken _cancellation;

        public GuardedSnapping(DiscoveryData data, IReadOnlyList<LibraryFunction> library, Action<string> log, CancellationToken cancellation)
        {
            _data = data;
            _library = library;
            _log = log;
            _cancellation = cancellation;
        }

        /// <summary>Returns the network with every edge it could snap snapped; <paramref name="splineEdges"/> counts the rest.</summary>
        public KanNetwork Snap(KanNetwork network, out int splineEdges)
        {
            KanNetwork current = network.Clone();
            double baseline = _data.ValidationRmse(current);
            splineEdges = 0;
            // Last layer first: a chain of edges can split a function between them any way it likes (tanh of a
            // cubic for a sine); snapping the outer edge to its simplest good fit and retraining lets the inner
            // spline take the whole function, which then snaps cleanly.
            var snappedWithChain = new HashSet<(int, int, int)>();
            foreach (var (l, i, j) in NumericEdges(current).OrderByDescending(e => e.L))
            {
                _cancellation.ThrowIfCancellationRequested();
                if (snappedWithChain.Contains((l, i, j)))
                {
                    continue;
                }

                KanNetwork? snapped = null;
                double rmse = baseline;
                if (ChainComposition.InnerEdge(current, l, i, j) is { } inner)
                {
                    snapped = SnapChain(current, inner, (l, i, j), baseline, out rmse);
                    if (snapped is not null)
                    {
                        snappedWithChain.Add(inner);
                    }
                }

                snapped ??= SnapEdge(current, l, i, j, baseline, out rmse);
                if (snapped is null)
                {
                    splineEdges++;
                    continue;
                }

                current = snapped;
                baseline = rmse;
            }

            return current;
        }

        /// <summary>
        /// pykan's <c>auto_symbolic</c> with better fits: every edge, in order, takes its best-ranked admissible
        /// function (ranked on activations that already include the edges snapped before it); no retrain in between.
        /// Returns null when some edge has no admissible function.
        /// </summary>
        public KanNetwork? SnapAll(KanNetwork network)
        {
            KanNetwork current = network.Clone();
            foreach (var (l, i, j) in NumericEdges(current))
            {
                _cancellation.ThrowIfCancellationRequested();
                var (x, y) = EdgeSamples(current, l, i, j);
                List<SnapChoice> ranked = Rank(x, y);
                if (ranked.Count == 0)
                {
                    return null;
                }

                Apply(current, l, i, j, ranked[0]);
            }

            return current;
        }

        private static List<(int L, int I, int J)> NumericEdges(KanNetwork network)
        {
            var edges = new List<(int, int, int)>();
            for (int l = 0; l < network.LayerCount; l++)
            {
                NetworkLayer layer = network.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        if (layer.Mask[layer.EdgeIndex(i, j)] != 0.0)
                        {
                            edges.Add((l, i, j));
                        }
                    }
                }
            }

            return edges;
        }

        private static void Apply(KanNetwork network, int l, int i, int j, SnapChoice choice)
        {
            network.SetSymbolic(l, i, j, choice.Function.Function, choice.Fit.A, choice.Fit.B, choice.Fit.C, choice.Fit.D);
            network.SetMode(l, i, j, "s");
        }

        /// <summary>
        /// Tries the best-ranked candidates for one edge, each with a short retrain of the whole network, and keeps
        /// the simplest whose validation RMSE is close to the best of them, if that is not much worse than before.
        /// </summary>
        private KanNetwork? SnapEdge(KanNetwork network, int l, int i, int j, double baseline, out double rmse)
        {
            var (x, y) = EdgeSamples(network, l, i, j);
            string edge = "edge (" + l + "," + i + "," + j + ")";
            IEnumerable<Candidate> candidates = Rank(x, y).Select(choice => new Candidate(choice.Function.Name, choice.R2, net =>
            {
                Apply(net, l, i, j, choice);
                return true;
            }));
            return TryCandidates(network, candidates, edge, baseline, acceptCloseToBest: true, out rmse);
        }

        /// <summary>
        /// Snaps the chain ending in (l, i, j) as one composition (<see cref="ChainComposition"/>), only when a
        /// candidate keeps the spline's accuracy: otherwise the chain's edges snap one by one.
        /// </summary>
        private KanNetwork? SnapChain(KanNetwork network, (int L, int I, int J) inner, (int L, int I, int J) outer, double baseline, out double rmse)
        {
            var (x, y) = ChainSamples(network, inner, outer);
            var maps = new List<(double A, double B)> { (1.0, 0.0) };
            if (inner.L == 0 && network.InputScale is { } scale && network.InputBias is { } bias)
            {
                // The first layer reads normalised columns s*x + b: the raw column is (x' - b) / s.
                int column = network.InputIds[inner.I];
                maps.Insert(0, (1.0 / scale[column], -bias[column] / scale[column]));
            }

            string chain = "chain (" + inner.L + "," + inner.I + "," + inner.J + ")->(" + outer.L + "," + outer.I + "," + outer.J + ")";
            IEnumerable<Candidate> candidates = ChainComposition.Rank(x, y, _library, maps, RankGrid)
                .Select(choice => new Candidate(choice.ToString(), choice.R2, net => ChainComposition.Apply(net, inner, outer, choice)));
            return TryCandidates(network, candidates, chain, baseline, acceptCloseToBest: false, out rmse);
        }

        /// <summary>One way to snap an edge or a chain: its name, fit R² and how to set it on a network copy (false: not applicable).</summary>
        private sealed class Candidate
        {
            public Candidate(string name, double r2, Func<KanNetwork, bool> apply)
            {
                Name = name;
                R2 = r2;
                ApplyTo = apply;
            }

            public string Name { get; }

            public double R2 { get; }

            public Func<KanNetwork, bool> ApplyTo { get; }
        }

        /// <summary>
        /// Sets each of the first <see cref="CandidatesPerEdge"/> candidates on a copy, retrains it briefly and judges
        /// it by the validation RMSE: the first that keeps <paramref name="baseline"/> wins at once; otherwise (when
        /// <paramref name="acceptCloseToBest"/>) the simplest within <see cref="CloseToBest"/> of the best tried, if
        /// that is at most <see cref="WorseningFactor"/> worse than the baseline. Null when none qualifies.
        /// </summary>
        private KanNetwork? TryCandidates(KanNetwork network, IEnumerable<Candidate> candidates, string what, double baseline, bool acceptCloseToBest, out double rmse)
        {
            rmse = baseline;
            var tried = new List<(Candidate Choice, KanNetwork Network, double Rmse)>();
            foreach (Candidate choice in candidates.Take(CandidatesPerEdge))
            {
                KanNetwork candidate = network.Clone();
                if (!choice.ApplyTo(candidate))
                {
                    continue;
                }

                KanNetwork? trial = Retrained(candidate, ShortRetrainSteps, "after snapping " + what + " to " + choice.Name);
                if (trial is null)
                {
                    continue;
                }

                double after = _data.ValidationRmse(trial);
                if (after <= baseline + AbsoluteSlack)
                {
                    // The best-ranked candidate that keeps the spline's accuracy wins without trying the rest.
                    rmse = after;
                    return trial;
                }

                tried.Add((choice, trial, after));
            }

            if (tried.Count > 0 && acceptCloseToBest)
            {
                double best = tried.Min(t => t.Rmse);
                var pick = tried.First(t => t.Rmse <= CloseToBest * best + AbsoluteSlack);
                if (pick.Rmse <= WorseningFactor * baseline + AbsoluteSlack)
                {
                    rmse = pick.Rmse;
                    return pick.Network;
                }
            }

            _log(what + (acceptCloseToBest ? " stays a spline" : " is not one composition") + ": validation RMSE " + G3(baseline) + "; tried " +
                (tried.Count == 0 ? "nothing (no admissible function with R2 > 0.5)" : string.Join(", ", tried.Select(t => t.Choice.Name + " (R2 " + G3(t.Choice.R2) + ", validation " + G3(t.Rmse) + ")"))));
            return null;
        }

        private static string G3(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// A copy of <paramref name="network"/> retrained without grid updates. A retrain that diverges with the plain
        /// functions (a snapped edge's argument met its pole or left its domain) is run again from the same state with
        /// pykan's singularity-safe variants (<see cref="FitOptions.SingularityAvoiding"/>, y_th 1000), which stay
        /// finite; the result is judged with the plain functions like any other. Null when that diverges too: the
        /// caller keeps the state before it, and the log names the snap (<paramref name="cause"/>) that led there.
        /// </summary>
        public KanNetwork? Retrained(KanNetwork network, int steps, string cause)
        {
            KanNetwork copy = network.Clone();
            try
            {
                copy.Fit(_data.Dataset, new FitOptions { Steps = steps, UpdateGrid = false }, cancellationToken: _cancellation);
                return copy;
            }
            catch (TrainingDivergedException e)
            {
                string diverged = "symbolic retrain diverged at step " + e.Step + " " + cause + Suspects(copy);
                KanNetwork safe = network.Clone();
                try
                {
                    safe.Fit(_data.Dataset, new FitOptions { Steps = steps, UpdateGrid = false, SingularityAvoiding = true }, cancellationToken: _cancellation);
                    _log(diverged + "; retrained with singularity avoiding instead");
                    return safe;
                }
                catch (TrainingDivergedException again)
                {
                    _log(diverged + ", and at step " + again.Step + " with singularity avoiding; kept the state before the retrain");
                    return null;
                }
            }
        }

        /// <summary>
        /// The symbolic edges whose argument, at the last finite state of a diverged retrain, has left (or reached
        /// the edge of) the function's domain: the likely cause, named for the log.
        /// </summary>
        private string Suspects(KanNetwork lastFinite)
        {
            LayerActivations[] acts = lastFinite.GetActivations(_data.Dataset.TrainInputs);
            var names = new List<string>();
            for (int l = 0; l < lastFinite.LayerCount; l++)
            {
                NetworkLayer layer = lastFinite.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                    for (int n = 0; n < acts[l].Inputs.GetLength(0); n++)
                    {
                        lo = Math.Min(lo, acts[l].Inputs[n, i]);
                        hi = Math.Max(hi, acts[l].Inputs[n, i]);
                    }

                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        int e = layer.EdgeIndex(i, j);
                        if (layer.SymbolicMask[e] != 0.0 && !SnapLibrary.IsAdmissible(layer.SymbolicNames[e], layer.SymbolicA[e], layer.SymbolicB[e], lo, hi))
                        {
                            names.Add("(" + l + "," + i + "," + j + ") " + layer.SymbolicNames[e]);
                        }
                    }
                }
            }

            return names.Count == 0 ? string.Empty : " (argument at the edge of its domain: " + string.Join(", ", names) + ")";
        }

        /// <summary>Every admissible library function fitted to the edge, best pykan score first.</summary>
        private List<SnapChoice> Rank(double[] x, double[] y)
        {
            double lo = x.Min(), hi = x.Max();
            var choices = new List<SnapChoice>();
            foreach (LibraryFunction f in _library)
            {
                if (SnapChoice.TryFit(f, x, y, lo, hi, RankGrid, iterations: 3) is { } choice)
                {
                    choices.Add(choice);
                }
            }

            return choices.Select((c, k) => (c, k)).OrderBy(t => t.c.Score).ThenBy(t => t.k).Select(t => t.c).ToList();
        }

        /// <summary>The edge's inputs and numeric outputs on the first <see cref="FitRows"/> training rows (already shuffled).</summary>
        private (double[] X, double[] Y) EdgeSamples(KanNetwork network, int l, int i, int j) => ChainSamples(network, (l, i, j), (l, i, j));

        /// <summary>
        /// The input of edge <paramref name="first"/> and the numeric output of edge <paramref name="last"/> (the same
        /// edge, or the end of a chain) on the first <see cref="FitRows"/> training rows (already shuffled).
        /// </summary>
        private (double[] X, double[] Y) ChainSamples(KanNetwork network, (int L, int I, int J) first, (int L, int I, int J) last)
        {
            double[,] all = _data.Dataset.TrainInputs;
            int rows = Math.Min(FitRows, all.GetLength(0)), cols = all.GetLength(1);
            var sample = new double[rows, cols];
            Array.Copy(all, sample, rows * cols);
            LayerActivations[] acts = network.GetActivations(sample);
            NetworkLayer layer = network.Layers[last.L];
            double mask = layer.Mask[layer.EdgeIndex(last.I, last.J)];
            var x = new double[rows];
            var y = new double[rows];
            for (int n = 0; n < rows; n++)
            {
                x[n] = acts[first.L].Inputs[n, first.I];
                y[n] = mask * acts[last.L].Numeric[n, last.I, last.J];
            }

            return (x, y);
        }
    }
}
